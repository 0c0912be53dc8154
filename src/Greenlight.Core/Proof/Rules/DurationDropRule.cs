using Greenlight.Model;

namespace Greenlight.Proof.Rules;

/// <summary><c>duration-drop</c>: far faster than the test's own median of earlier passing runs.</summary>
public sealed class DurationDropRule : IProofRule
{
    public string Code => ProofReason.DurationDrop;

    public ProofCheck CheckTest(TestEvidence test, SuiteEvidence suite)
    {
        if (!test.Passed) return ProofCheck.NotApplicable(Code);
        if (test.MedianDuration is not { } median) return ProofCheck.NotEvaluated(Code, "no duration history for this test");
        var ratio = suite.Config.DurationDropRatio;
        var limit = median * ratio;
        return test.Duration < limit
            ? ProofCheck.Unproven(Code, $"took {ProofFormat.Duration(test.Duration)}; median of its last passing runs {ProofFormat.Duration(median)} (limit {ratio:0.##} × median = {ProofFormat.Duration(limit)})")
            : ProofCheck.Ok(Code);
    }
}
