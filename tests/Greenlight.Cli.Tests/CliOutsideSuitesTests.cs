using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Greenlight.Cli.Tests;

/// <summary>
/// outside-suites-project, npm-installed for real: one small API and six suites run by their own tools
/// (newman through <c>runner: newman</c>; jest, mocha, node's test runner and Playwright Test with the
/// Node adapters; <c>go test -json</c>), each through <c>greenlight run</c>. Three runs in order: the
/// honest suites; the same with a stub test and an empty test added to every suite; a newman collection
/// whose failing request hides the checks behind it. A stub server outside the proxy answers the fakes.
/// </summary>
public sealed class OutsideSuitesRuns : IAsyncLifetime
{
    internal sealed record Run(CliProcess.Result Result, JsonElement Json, string Worklog, string Folder)
    {
        public IEnumerable<JsonElement> Tests(string suite) => RunTestsFile.Read(Folder).Where(t => t.GetProperty("suite").GetString() == suite);
    }

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);
    private Process? _stub;
    private int _stubHits;

    public string Project { get; private set; } = "";
    internal Run Honest { get; private set; } = null!;
    internal Run WithFakes { get; private set; } = null!;
    internal Run BrokenNewman { get; private set; } = null!;
    public int StubPort { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Project = CliProcess.CopyProject("outside-suites-project");
        await RunToolAsync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", "--loglevel=error"]);
        StubPort = FreePort();
        _stub = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["service.py", StubPort.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = Project,
            RedirectStandardOutput = true,
        })!;
        _stub.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("\"GET /items/", StringComparison.Ordinal) == true) Interlocked.Increment(ref _stubHits);
        };
        _stub.BeginOutputReadLine();
        await WaitForStubAsync();

        Honest = await RunAsync(new Dictionary<string, string>());
        WithFakes = await RunAsync(new Dictionary<string, string>
        {
            ["FAKES"] = "1",
            ["GO_TAGS"] = "fakes",
            ["NEWMAN_COLLECTION"] = "items-fakes",
            ["STUB_URL"] = $"http://127.0.0.1:{StubPort}",
        });
        BrokenNewman = await RunAsync(new Dictionary<string, string> { ["NEWMAN_COLLECTION"] = "items-broken" }, "--focus", "newman");
    }

    /// <summary>Requests for an item the stub answered: the fakes' requests really happened, outside the proxy.</summary>
    public int StubHits => Volatile.Read(ref _stubHits);

    public ValueTask DisposeAsync()
    {
        if (_stub is { HasExited: false })
        {
            _stub.Kill(entireProcessTree: true);
            _stub.WaitForExit();
        }

        _stub?.Dispose();
        Directory.Delete(Project, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<Run> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        var result = await CliProcess.RunAsync(Project, RunTimeout, environment, ["run", "--json", .. args]);
        var json = JsonDocument.Parse(result.Stdout).RootElement.Clone();
        var folder = Path.Combine(Project, ".greenlight", "runs", json.GetProperty("run_id").GetString()!);
        return new Run(result, json, await File.ReadAllTextAsync(Path.Combine(folder, "worklog.md")), folder);
    }

    private async Task RunToolAsync(string program, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { WorkingDirectory = Project, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{error}");
        }
    }

    private async Task WaitForStubAsync()
    {
        using var client = new HttpClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{StubPort}/health"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("the stub server did not answer within 10 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class CliOutsideSuitesTests(OutsideSuitesRuns runs) : IClassFixture<OutsideSuitesRuns>
{
    public static TheoryData<string, string, string[]> Suites => new()
    {
        { "newman", "request", ["ItemsGetItem.status is 200", "ItemsGetItem.name is item-6", "CreateItem.status is 201", "CreateItem.id is 42", "Health.healthy"] },
        { "jest", "request", ["gets an item", "creates an item"] },
        { "mocha", "request", ["items.gets an item", "items.reports health"] },
        { "node-test", "request", ["test.gets an item", "test.reports health"] },
        { "playwright", "request", ["items.spec.js.gets an item", "items.spec.js.creates an item"] },
        { "go", "window", ["example.com/itemsuite.TestGetItem", "example.com/itemsuite.TestHealth"] },
    };

    [Fact]
    public void Run_GoTestWithTheTaggingTransport_RequestLevel()
    {
        var tagged = Assert.Single(runs.Honest.Tests("go"), t => t.GetProperty("name").GetString() == "example.com/itemsuite.TestCreateItemTagged");

        Assert.Equal("request", tagged.GetProperty("proof_level").GetString());
        Assert.True(tagged.GetProperty("proven").GetBoolean(), tagged.ToString());
    }

    public static TheoryData<string, string[]> Fakes => new()
    {
        { "newman", ["StubItem.status is 200", "NothingChecked.checks nothing"] },
        { "jest", ["gets an item from a stub", "checks nothing"] },
        { "mocha", ["items.gets an item from a stub", "items.checks nothing"] },
        { "node-test", ["test.gets an item from a stub", "test.checks nothing"] },
        { "playwright", ["items.spec.js.gets an item from a stub", "items.spec.js.checks nothing"] },
        { "go", ["example.com/itemsuite.TestStubItem", "example.com/itemsuite.TestChecksNothing"] },
    };

    [Fact]
    public void Run_HonestSuites_GreenWithEveryPassProven()
    {
        Assert.True(runs.Honest.Result.ExitCode == 0, runs.Honest.Result.All);
        Assert.Equal("GREEN", runs.Honest.Json.GetProperty("verdict").GetString());
        Assert.Contains("by level: 14 request, 2 window", runs.Honest.Json.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void Run_HonestSuite_EachPassProvenAtItsLevelWithItsOwnRequests(string suite, string level, string[] tests)
    {
        // go's third test tags its requests (Run_GoTestWithTheTaggingTransport_RequestLevel).
        var records = runs.Honest.Tests(suite).Where(t => !t.GetProperty("name").GetString()!.EndsWith("Tagged", StringComparison.Ordinal)).ToList();

        Assert.Equal(tests.Order(StringComparer.Ordinal), records.Select(t => t.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.All(records, t =>
        {
            Assert.Equal("passed", t.GetProperty("outcome").GetString());
            Assert.True(t.GetProperty("proven").GetBoolean(), t.ToString());
            Assert.Equal(level, t.GetProperty("proof_level").GetString());
            Assert.True(t.GetProperty("requests").GetInt32() >= 1, t.ToString());
        });
    }

    [Fact]
    public void Run_WithFakes_Unproven()
    {
        Assert.True(runs.WithFakes.Result.ExitCode == 3, runs.WithFakes.Result.All);
        // newman's two fake requests and one per other suite.
        Assert.Equal(7, runs.StubHits);
        Assert.Equal("UNPROVEN", runs.WithFakes.Json.GetProperty("verdict").GetString());
        // newman's checks are listed under their request, with what the proxy saw of it.
        Assert.Contains("- request `CreateItem`: 1 recorded request(s)\n  - ✅ `status is 201`", runs.WithFakes.Worklog, StringComparison.Ordinal);
        Assert.Contains("- request `StubItem`: 0 recorded request(s)\n  - ❓ `status is 200`", runs.WithFakes.Worklog, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Fakes))]
    public void Run_WithFakes_ExactlyTheStubAndEmptyTestsAreUnprovenForNoTraffic(string suite, string[] fakes)
    {
        var records = runs.WithFakes.Tests(suite).ToList();
        var unproven = records.Where(t => !t.GetProperty("proven").GetBoolean()).ToList();
        Assert.Equal(records.Count - 2, records.Count(t => t.GetProperty("proven").GetBoolean()));

        Assert.Equal(fakes.Order(StringComparer.Ordinal), unproven.Select(t => t.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.All(unproven, t =>
        {
            Assert.Equal("passed", t.GetProperty("outcome").GetString());
            Assert.Contains("no-traffic", t.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        });
        Assert.Contains($"{suite}: 2 of {records.Count} passes unproven", runs.WithFakes.Worklog, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NewmanRequestFailsBeforeItsChecks_MissingChecksNamed()
    {
        Assert.True(runs.BrokenNewman.Result.ExitCode == 3, runs.BrokenNewman.Result.All);
        Assert.Equal(["Health.healthy", "ItemsGetItem.name is item-6", "ItemsGetItem.status is 200"],
            runs.BrokenNewman.Tests("newman").Select(t => t.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.Contains("missing-tests: 2 of the 5 test(s) the suite defines are missing from its report: CreateItem.status is 201, CreateItem.id is 42",
            runs.BrokenNewman.Worklog, StringComparison.Ordinal);
    }
}
