using System.Diagnostics;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Greenlight.Cli.Tests;

/// <summary>The MCP SDK's own client launching the real <c>greenlight mcp</c> over stdio.</summary>
internal static class McpSession
{
    public static async Task<McpClient> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "greenlight",
            Command = "dotnet",
            Arguments = [Path.Combine(AppContext.BaseDirectory, "greenlight.dll"), "mcp"],
            WorkingDirectory = workingDirectory,
            EnvironmentVariables = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>()) { ["NO_COLOR"] = "1" },
            ShutdownTimeout = TimeSpan.FromSeconds(30),
        });
        return await McpClient.CreateAsync(transport, cancellationToken: TestContext.Current.CancellationToken);
    }

    public static JsonElement Structured(CallToolResult result)
    {
        Assert.False(result.IsError == true, string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        return Assert.IsType<JsonElement>(result.StructuredContent);
    }

    public static string ErrorText(CallToolResult result)
    {
        Assert.True(result.IsError == true, "the call succeeded");
        return string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));
    }

}

/// <summary>The server's tools, errors, the change guard and cancellation, on small projects.</summary>
public sealed class CliMcpTests
{
    private static Dictionary<string, object?> Args(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    [Fact]
    public async Task ListTools_EveryToolWithItsInputAndOutputSchema()
    {
        var project = CliProcess.CopyProject("plain-junit-project");
        try
        {
            await using var client = await McpSession.StartAsync(project);

            var tools = await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal(["check_fix", "evidence", "history", "plan", "probe", "run"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
            var run = tools.Single(t => t.Name == "run");
            Assert.Equal(["failFast", "focus"], run.JsonSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Contains("DEPLOYS", run.Description, StringComparison.Ordinal);
            Assert.All(tools.Where(t => t.Name != "evidence" && t.Name != "history"), t => Assert.NotNull(t.ProtocolTool.OutputSchema));
            Assert.Equal("object", tools.Single(t => t.Name == "plan").ProtocolTool.OutputSchema!.Value.GetProperty("type").GetString());
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task Tools_BadArgumentsAndNoRunYet_ToolErrorsAndTheServerKeepsServing()
    {
        var project = CliProcess.CopyProject("plain-junit-project");
        try
        {
            await using var client = await McpSession.StartAsync(project);
            var token = TestContext.Current.CancellationToken;

            var badRunId = await client.CallToolAsync("evidence", Args(("runId", "../../etc")), cancellationToken: token);
            var badFocus = await client.CallToolAsync("plan", Args(("focus", "nonesuch")), cancellationToken: token);
            var noRun = await client.CallToolAsync("evidence", cancellationToken: token);
            var plan = McpSession.Structured(await client.CallToolAsync("plan", cancellationToken: token));

            Assert.EndsWith("'../../etc' is not a run id (letters, digits, '-' and '_')", McpSession.ErrorText(badRunId), StringComparison.Ordinal);
            Assert.Contains("nonesuch", McpSession.ErrorText(badFocus), StringComparison.Ordinal);
            Assert.Contains(": no run in ", McpSession.ErrorText(noRun), StringComparison.Ordinal);
            Assert.Equal("api-checks", plan.GetProperty("phases")[0].GetProperty("suites")[0].GetProperty("id").GetString());
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task RunThenHistoryEvidenceAndResources_TheRunIsRememberedAndReadable()
    {
        var project = CliProcess.CopyProject("plain-junit-project");
        try
        {
            await using var client = await McpSession.StartAsync(project);
            var token = TestContext.Current.CancellationToken;

            // A plain JUnit file without times: UNPROVEN (no-attribution), so the run leaves a bundle.
            var run = McpSession.Structured(await client.CallToolAsync("run", cancellationToken: token));
            var history = McpSession.Structured(await client.CallToolAsync("history", Args(("suite", "api-checks")), cancellationToken: token));
            var evidence = McpSession.Structured(await client.CallToolAsync("evidence", cancellationToken: token));
            var worklog = await client.ReadResourceAsync("greenlight://runs/latest/worklog.md", cancellationToken: token);

            Assert.Equal("UNPROVEN", run.GetProperty("verdict").GetString());
            Assert.Equal(2, run.GetProperty("doubtedPasses").GetArrayLength());
            Assert.Equal(run.GetProperty("runId").GetString(), history.GetProperty("runs")[0].GetProperty("id").GetString());
            Assert.Equal("api-checks", history.GetProperty("pass_rate_by_suite").EnumerateArray().Single().GetProperty("group").GetString());
            Assert.Contains(run.GetProperty("runId").GetString()!, evidence.ToString(), StringComparison.Ordinal);
            Assert.StartsWith("# Greenlight worklog", Assert.IsType<TextResourceContents>(worklog.Contents.Single()).Text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task CheckFix_SkipAddedToATestInATemporaryRepository_Rejected()
    {
        var project = CliProcess.CopyProject("plain-junit-project");
        try
        {
            var tests = Path.Combine(project, "tests");
            Directory.CreateDirectory(tests);
            await File.WriteAllTextAsync(Path.Combine(tests, "test_items.py"), "def test_items_listed():\n    assert len([1, 2]) == 2\n", TestContext.Current.CancellationToken);
            await GitAsync(project, "init", "-q");
            await GitAsync(project, "add", "-A");
            await GitAsync(project, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "tests");
            await File.WriteAllTextAsync(Path.Combine(tests, "test_items.py"),
                "import pytest\n\n\n@pytest.mark.skip(reason=\"flaky\")\ndef test_items_listed():\n    assert len([1, 2]) == 2\n", TestContext.Current.CancellationToken);
            await using var client = await McpSession.StartAsync(project);

            var result = McpSession.Structured(await client.CallToolAsync("check_fix", cancellationToken: TestContext.Current.CancellationToken));

            Assert.Equal("rejected", result.GetProperty("outcome").GetString());
            Assert.False(result.GetProperty("countsAsFix").GetBoolean());
            var finding = result.GetProperty("findings")[0];
            Assert.Equal("added-skip", finding.GetProperty("code").GetString());
            Assert.Equal("tests/test_items.py", finding.GetProperty("file").GetString());
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task Run_CancelledDuringTheSuite_ServicesStoppedNothingLeft()
    {
        var project = CliProcess.CopyProject("slow-project");
        try
        {
            var client = await McpSession.StartAsync(project);
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            var steps = new List<string>();
            var progress = new Progress(value =>
            {
                lock (steps) steps.Add(value.Message ?? "");
                if (value.Message?.Contains("running slow-suite", StringComparison.Ordinal) == true) cancel.Cancel();
            });

            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
                await client.CallToolAsync("run", progress: progress, cancellationToken: cancel.Token));

            // The server stops the services and writes run.json after the cancellation reaches it.
            var runs = Path.Combine(project, ".greenlight", "runs");
            for (var i = 0; i < 600 && !Directory.EnumerateFiles(runs, "run.json", SearchOption.AllDirectories).Any(); i++)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            using var run = JsonDocument.Parse(await File.ReadAllTextAsync(Directory.EnumerateFiles(runs, "run.json", SearchOption.AllDirectories).Single(), TestContext.Current.CancellationToken));
            Assert.True(run.RootElement.GetProperty("interrupted").GetBoolean());
            // The server kept serving after the cancellation; closing the session ends it.
            McpSession.Structured(await client.CallToolAsync("plan", cancellationToken: TestContext.Current.CancellationToken));
            await client.DisposeAsync();
            // The server process itself ends once its stdin closes: give it a moment, then nothing may be left.
            for (var i = 0; i < 100 && CliProcess.ProcessesIn(project).Count > 0; i++)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            Assert.Empty(CliProcess.ProcessesIn(project));
            lock (steps) Assert.Contains(steps, s => s.StartsWith("[deploy] api ready at", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    private sealed class Progress(Action<ProgressNotificationValue> report) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => report(value);
    }

    private static async Task GitAsync(string directory, params string[] args)
    {
        using var git = Process.Start(new ProcessStartInfo("git", args) { WorkingDirectory = directory, RedirectStandardError = true })!;
        var error = await git.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await git.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
    }

}

/// <summary>The MCP tools on the bundled sample; in the "sample" collection, so the sample is never built twice at once.</summary>
[Collection("sample")]
public sealed class CliMcpSampleTests
{
    [Fact]
    public async Task PlanAndRun_SampleP1_25TestsPlannedThenGreenWithProgress()
    {
        await using var client = await McpSession.StartAsync(CliProcess.RepositoryRoot());
        var token = TestContext.Current.CancellationToken;
        var messages = new List<string>();

        var plan = McpSession.Structured(await client.CallToolAsync("plan", new Dictionary<string, object?> { ["focus"] = "p1" }, cancellationToken: token));
        var run = McpSession.Structured(await client.CallToolAsync("run", new Dictionary<string, object?> { ["focus"] = "p1" },
            progress: new Recorder(messages), cancellationToken: token));

        Assert.Equal(25, plan.GetProperty("phases").EnumerateArray().Single().GetProperty("suites").EnumerateArray().Sum(s => s.GetProperty("tests").GetArrayLength()));
        Assert.True(run.GetProperty("verdict").GetString() == "GREEN", run.ToString());
        Assert.Equal(25, run.GetProperty("passed").GetInt32());
        Assert.Equal(0, run.GetProperty("unproven").GetInt32());
        Assert.True(File.Exists(run.GetProperty("worklog").GetString()));
        lock (messages)
        {
            Assert.Contains(messages, m => m.StartsWith("[probe] ", StringComparison.Ordinal));
            Assert.Contains(messages, m => m.StartsWith("[test] ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task RunAndEvidence_UnwiredPipeline_FailingTestsAndAClusterQuotingTheBackendLog()
    {
        await using var client = await McpSession.StartAsync(CliProcess.RepositoryRoot(), new Dictionary<string, string?> { ["AGENTCHAT_FAULT"] = "unwired-pipeline" });
        var token = TestContext.Current.CancellationToken;

        var run = McpSession.Structured(await client.CallToolAsync("run", new Dictionary<string, object?> { ["focus"] = "p1" }, cancellationToken: token));
        var evidence = McpSession.Structured(await client.CallToolAsync("evidence",
            new Dictionary<string, object?> { ["runId"] = run.GetProperty("runId").GetString() }, cancellationToken: token));

        Assert.True(run.GetProperty("verdict").GetString() == "RED", run.ToString());
        Assert.True(run.GetProperty("failingTests").GetArrayLength() > 0);
        Assert.Contains(run.GetProperty("clusters").EnumerateArray().SelectMany(c => c.GetProperty("logLines").EnumerateArray()),
            line => line.GetString()!.Contains("no handler registered for message type START_AGENT", StringComparison.Ordinal));
        Assert.Contains("no handler registered for message type START_AGENT", evidence.ToString(), StringComparison.Ordinal);
    }

    private sealed class Recorder(List<string> messages) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value)
        {
            lock (messages) messages.Add(value.Message ?? "");
        }
    }
}
