using System.Diagnostics;

namespace AgentChat.FaultMatrix;

/// <summary>
/// Runs the E2E suite exe against a deployment, as Greenlight would, and collects every test's
/// outcome. Tests are dealt round-robin over several processes: xunit runs a class's tests one
/// after another, so under a fault that makes each test wait for a timeout one process would
/// take minutes; shards keep every fault's run bounded.
/// </summary>
public static class SuiteRun
{
    public static readonly TimeSpan ShardLimit = TimeSpan.FromSeconds(150);

    public static async Task<IReadOnlyList<TestOutcome>> RunAsync(Deployment deployment, int shards, CancellationToken ct)
    {
        var results = Path.Combine(deployment.WorkDir, "results");
        var tests = await ListTestsAsync(ct);
        var runs = await Task.WhenAll(Enumerable.Range(0, shards).Select(shard =>
        {
            var filter = tests.Where((_, i) => i % shards == shard).SelectMany(t => new[] { "--filter-method", t }).ToArray();
            return RunShardAsync(deployment, results, $"shard{shard}", filter, ct);
        }));
        return [.. runs.SelectMany(r => r)];
    }

    /// <summary>Fully qualified test names, from the suite's own listing.</summary>
    public static async Task<IReadOnlyList<string>> ListTestsAsync(CancellationToken ct)
    {
        var (exit, output) = await RunSuiteProcessAsync(["--list-tests", "--no-progress", "--no-ansi"], null, ct);
        Assert.True(exit == 0, $"--list-tests exited {exit}:\n{output}");
        return [.. output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("AgentChat.E2E.", StringComparison.Ordinal))];
    }

    private static async Task<IReadOnlyList<TestOutcome>> RunShardAsync(
        Deployment deployment, string results, string name, string[] filter, CancellationToken ct)
    {
        var (exit, output) = await RunSuiteProcessAsync(
            ["--no-progress", "--no-ansi", "--report-xunit", "--report-xunit-filename", name + ".xml", "--results-directory", results, .. filter],
            deployment, ct);
        var report = Path.Combine(results, name + ".xml");
        Assert.True(File.Exists(report), $"suite {name} exited {exit} without a report:\n{output}");
        return SuiteResults.Read(report);
    }

    private static async Task<(int Exit, string Output)> RunSuiteProcessAsync(string[] args, Deployment? deployment, CancellationToken ct)
    {
        var info = new ProcessStartInfo(Executables.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Executables.Suite);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        if (deployment is not null)
        {
            info.Environment["GREENLIGHT_AUTH_URL"] = deployment.Auth.Url.ToString();
            info.Environment["GREENLIGHT_BACKEND_URL"] = deployment.Backend.Url.ToString();
            info.Environment["AGENTCHAT_E2E_BYPASS_KEY"] = deployment.BypassKey;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the suite");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(ShardLimit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the suite did not finish within {ShardLimit.TotalSeconds:0} s (args: {string.Join(' ', args.Take(8))} …)");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
