namespace AgentChat.FaultMatrix;

/// <summary>
/// Starts the services with one AGENTCHAT_FAULT, runs the whole E2E suite against them and
/// asserts that exactly the tests of <see cref="ExpectedFailures"/> fail, each for the fault's
/// reason. One subclass per fault so the faults run in parallel.
/// </summary>
public abstract class FaultMatrixTest
{
    public const int SuiteSize = 86;

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(360);

    /// <summary>What every failure's message must mention under each fault.</summary>
    private static readonly Dictionary<string, string[]> Reasons = new(StringComparer.Ordinal)
    {
        ["ws-recursion"] = ["1011"],
        ["reject-pending-auth"] = ["1011"],
        ["drop-upgrade"] = ["HTTP 503"],
        ["unwired-pipeline"] = ["no agent_started"],
        ["slow-db"] = ["no agent_started", "unreachable"],
        ["startup-crash"] = ["cannot reach Backend", "cannot open WebSocket"],
        [Deployment.CrlfReplay] = ["cannot reach Backend", "cannot open WebSocket"],
    };

    protected static async Task<IReadOnlyList<TestOutcome>> RunSuiteAsync(string fault)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(Limit);
        await using var deployment = Deployment.Start(fault);
        if (fault is "startup-crash" or Deployment.CrlfReplay)
        {
            await AssertBackendRefusedItsDefinitionsAsync(deployment, cts.Token);
        }
        else
        {
            Assert.True(await deployment.WaitHealthyAsync(cts.Token),
                $"services with AGENTCHAT_FAULT='{fault}' not healthy within {Deployment.StartLimit.TotalSeconds} s:\n"
                + deployment.Auth.ReadLog() + deployment.Backend.ReadLog());
        }

        var outcomes = await SuiteRun.RunAsync(deployment, Shards(fault), cts.Token);
        AssertExactlyDocumentedFailures(fault, outcomes);
        return outcomes;
    }

    // Faults that make tests wait for timeouts get more processes, so each run stays near a minute.
    private static int Shards(string fault) => fault switch
    {
        "slow-db" => 6,
        "unwired-pipeline" => 3,
        _ => 2,
    };

    private static void AssertExactlyDocumentedFailures(string fault, IReadOnlyList<TestOutcome> outcomes)
    {
        Assert.Equal(SuiteSize, outcomes.Select(o => o.Name).Distinct().Count());
        var expected = ExpectedFailures.For(fault, [.. outcomes.Select(o => o.Name)]);
        var failed = outcomes.Where(o => !o.Passed).ToDictionary(o => o.Name, o => o.Message);

        var unexpectedFailures = failed.Keys.Except(expected).Order().Select(n => $"  {n}: {failed[n]}");
        var unexpectedPasses = expected.Except(failed.Keys).Order().Select(n => "  " + n);
        var report = string.Join('\n', [$"AGENTCHAT_FAULT='{fault}'", "failed but not documented:", .. unexpectedFailures,
            "documented but passed:", .. unexpectedPasses]);
        Assert.True(failed.Keys.ToHashSet().SetEquals(expected), report);

        if (Reasons.TryGetValue(fault, out var reasons))
        {
            Assert.All(failed, f => Assert.True(reasons.Any(r => f.Value.Contains(r, StringComparison.Ordinal)),
                $"{f.Key} failed for another reason than {string.Join(" / ", reasons)}: {f.Value}"));
        }
    }

    private static async Task AssertBackendRefusedItsDefinitionsAsync(Deployment deployment, CancellationToken ct)
    {
        Assert.True(await deployment.Backend.WaitForExitAsync(Deployment.StartLimit, ct), $"{deployment.Backend.Url} did not exit on a CRLF agents.def");
        Assert.Equal(1, deployment.Backend.ExitCode);
        var log = deployment.Backend.ReadLog();
        Assert.Contains("agents.def:1: line ends with a carriage return", log, StringComparison.Ordinal);
        Assert.Contains("AgentChat.Backend.Agents.AgentDefinitionException", log, StringComparison.Ordinal);
        Assert.True(await deployment.Auth.WaitHealthyAsync(Deployment.StartLimit, ct), "auth must start: the definitions are the backend's\n" + deployment.Auth.ReadLog());
    }
}
