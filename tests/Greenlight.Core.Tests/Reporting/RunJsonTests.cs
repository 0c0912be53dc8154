using System.Text.Json;
using Greenlight.Model;
using Greenlight.Reporting;
using Greenlight.Secrets;

namespace Greenlight.Core.Tests.Reporting;

/// <summary>run.json as a summary (counts, failures, doubted passes) and tests.jsonl with every test, written and read back.</summary>
public sealed class RunJsonTests
{
    private static TestRecord Test(string name, TestOutcome outcome, long ms = 100, IReadOnlyList<string>? reasons = null, string? message = null, bool flaky = false) => new()
    {
        Suite = "api", Name = name, Outcome = outcome, DurationMs = ms, Reasons = reasons ?? [], Message = message, Flaky = flaky,
        Proven = outcome == TestOutcome.Passed && (reasons ?? []).Count == 0,
    };

    private static RunRecord Mixed()
    {
        List<TestRecord> tests =
        [
            Test("ok-1", TestOutcome.Passed, 10), Test("ok-2", TestOutcome.Passed, 20), Test("ok-3", TestOutcome.Passed, 30),
            Test("doubted", TestOutcome.Passed, 40, [ProofReason.NoTraffic]),
            Test("broken-1", TestOutcome.Failed, message: "expected 200, got 500"), Test("broken-2", TestOutcome.Error, message: "timeout"),
            Test("skipped", TestOutcome.Skipped, reasons: [ProofReason.Skipped]),
            Test("flaky", TestOutcome.Failed, message: "first attempt failed", flaky: true) with { Attempts = 2 },
        ];
        var iteration = new IterationRecord { Number = 1, Tests = tests };
        return SampleRuns.Base() with { Tests = tests, Iterations = [iteration] };
    }

    [Fact]
    public async Task Write_MixedOutcomes_RunJsonListsFailuresAndDoubtedAndCountsEveryTest()
    {
        var directory = await RunFiles.WriteAsync(Mixed());

        using var run = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "run.json"), TestContext.Current.CancellationToken));
        var root = run.RootElement;
        Assert.False(root.TryGetProperty("tests", out _));
        Assert.Equal("tests.jsonl", root.GetProperty("tests_file").GetString());
        var counts = root.GetProperty("test_counts");
        Assert.Equal((8, 4, 3, 1, 2, 1, 1, 1), (
            counts.GetProperty("total").GetInt32(), counts.GetProperty("passed").GetInt32(), counts.GetProperty("proven").GetInt32(),
            counts.GetProperty("doubted").GetInt32(), counts.GetProperty("failed").GetInt32(), counts.GetProperty("errors").GetInt32(),
            counts.GetProperty("skipped").GetInt32(), counts.GetProperty("flaky").GetInt32()));
        Assert.Equal(["broken-1", "broken-2", "flaky"], root.GetProperty("failures").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("expected 200, got 500", root.GetProperty("failures")[0].GetProperty("message").GetString());
        Assert.Equal(["doubted"], root.GetProperty("doubted").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var iteration = Assert.Single(root.GetProperty("iterations").EnumerateArray());
        Assert.False(iteration.TryGetProperty("tests", out _));
        Assert.Equal(8, iteration.GetProperty("test_counts").GetProperty("total").GetInt32());

        var lines = await File.ReadAllLinesAsync(Path.Combine(directory, "tests.jsonl"), TestContext.Current.CancellationToken);
        Assert.Equal(["ok-1", "ok-2", "ok-3", "doubted", "broken-1", "broken-2", "skipped", "flaky"],
            lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("name").GetString()));
        Assert.All(lines, l => Assert.Equal(1, JsonDocument.Parse(l).RootElement.GetProperty("iteration").GetInt32()));
        Assert.Equal("skipped", JsonDocument.Parse(lines[6]).RootElement.GetProperty("outcome").GetString());
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task ReadBack_ThreeIterationLoop_EveryIterationGetsItsOwnTests()
    {
        var run = SampleLoopRuns.RedThenGreen();

        var back = await RunFiles.RoundTripAsync(run);

        Assert.Equal(run.Iterations.Select(i => i.Tests.Select(t => t.Name)), back.Iterations.Select(i => i.Tests.Select(t => t.Name)));
        Assert.Equal(run.Tests.Select(Json), back.Tests.Select(Json));
        Assert.Equal(WorklogRenderer.Render(run), WorklogRenderer.Render(back));
    }

    private static string Json(TestRecord test) => JsonSerializer.Serialize(test, RunJson.LineOptions);

    [Fact]
    public async Task ReadBack_WithoutTestsJsonl_TestsAreThoseRunJsonLists()
    {
        var directory = await RunFiles.WriteAsync(Mixed());
        File.Delete(Path.Combine(directory, "tests.jsonl"));

        var back = await RunOutputs.ReadAsync(directory, TestContext.Current.CancellationToken);

        Assert.Equal(["broken-1", "broken-2", "flaky", "doubted"], back!.Tests.Select(t => t.Name));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Redact_SecretInOneTestsMessage_MaskedThereOtherTestsKeptAsTheyWere()
    {
        var redactor = new SecretRedactor();
        redactor.Add("s3cr3t-canary-value-42");
        var run = Mixed();
        var leaking = run.Tests[4] with { Message = "login failed for s3cr3t-canary-value-42", Evidence = ["header token=s3cr3t-canary-value-42"] };
        List<TestRecord> tests = [.. run.Tests.Take(4), leaking, .. run.Tests.Skip(5)];
        run = run with { Tests = tests, Iterations = [run.Iterations[0] with { Tests = tests }] };

        var safe = RunJson.Redact(run, redactor);

        Assert.Equal("login failed for ***", safe.Tests[4].Message);
        Assert.Equal(["header token=***"], safe.Tests[4].Evidence);
        Assert.All(Enumerable.Range(0, tests.Count).Where(i => i != 4), i => Assert.Same(tests[i], safe.Tests[i]));
        Assert.Same(safe.Tests, safe.Iterations[0].Tests);
        Assert.DoesNotContain("s3cr3t-canary-value-42", RunJson.Serialize(safe), StringComparison.Ordinal);
    }
}
