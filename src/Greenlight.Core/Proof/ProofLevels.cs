using Greenlight.Model;

namespace Greenlight.Proof;

/// <summary>
/// A pass is proven only when its traffic is tied to it at least at the level its suite requires
/// (<c>proof.level</c>, <c>window</c> by default): a check that could not look at the test's own
/// traffic never counts for it. Below that level it is <c>no-attribution</c>, saying what would raise it.
/// </summary>
internal static class ProofLevels
{
    public static TestProof Require(TestProof proof, TestEvidence test, ProofInput input)
    {
        if (!test.Passed || ProofLevel.Meets(proof.Level, input.Config.Level))
        {
            return proof;
        }

        var evidence = $"{ProofReason.NoAttribution}: proof level {proof.Level}, the suite requires {input.Config.Level}: {Why(proof.Level)}; {Raise(input.Runner)}";
        return proof with
        {
            Proven = false,
            Reasons = [.. proof.Reasons, ProofReason.NoAttribution],
            Evidence = [.. proof.Evidence, evidence],
        };
    }

    /// <summary>At an accepted suite level the suite's traffic as a whole must be real: passes with no request at all are doubted.</summary>
    public static IEnumerable<ProofCheck> SuiteChecks(ProofInput input, IReadOnlyList<TestEvidence> tests)
    {
        if (input.Config.Level is ProofLevel.Suite && input.Config.RequireTraffic && input.Recorded
            && input.Traffic.Count == 0 && input.Cases.Any(c => c.Outcome == TestOutcome.Passed))
        {
            yield return ProofCheck.Unproven(ProofReason.NoTraffic, "the suite's passes are accepted at suite level, but the recording proxies saw no request during the suite");
        }
    }

    /// <summary>How many tests stand at each level, and the reason a lower level is accepted.</summary>
    public static IEnumerable<string> Notes(ProofInput input, IReadOnlyList<TestProof> proofs)
    {
        var levels = proofs.CountBy(p => p.Level).OrderBy(g => ProofLevel.Rank(g.Key)).Select(g => $"{g.Value} {g.Key}").ToList();
        if (levels.Count > 0)
        {
            yield return $"proof levels: {string.Join(", ", levels)} (required: {input.Config.Level})";
        }

        if (!ProofLevel.Meets(input.Config.Level, ProofLevel.Window))
        {
            yield return $"proof level {input.Config.Level} accepted for this suite: {input.Config.LevelReason}";
        }

        if (proofs.Any(p => p.Level != ProofLevel.Request))
        {
            yield return $"to raise the level to request: {Raise(input.Runner)}";
        }
    }

    private static string Why(string level) => level switch
    {
        ProofLevel.None => "no recording proxy ran, so no request could be seen",
        _ => "no request carried X-Greenlight-Test for this test and the report gave no start and end times for it",
    };

    private static string Raise(string? runner) => runner switch
    {
        "pytest" => "the pytest plugin gives each test its window; for request level send X-Greenlight-Test with the test's node id (the first part of PYTEST_CURRENT_TEST)",
        "dotnet" => "send X-Greenlight-Test with the test's full name from the test's HTTP client, or write a TRX report (it carries each test's times)",
        _ => "tag requests with X-Greenlight-Test (the node adapters for jest, mocha, node --test and Playwright, a tagged newman collection: docs/proof.md), write a report with per-test times (TRX, NUnit, go test -json), or accept suite level with proof: {level: suite, level_reason: …}",
    };
}
