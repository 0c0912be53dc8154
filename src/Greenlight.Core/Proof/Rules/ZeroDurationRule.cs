using Greenlight.Model;

namespace Greenlight.Proof.Rules;

/// <summary><c>zero-duration</c>: a pass that took no measurable time did not talk to anything.</summary>
public sealed class ZeroDurationRule : IProofRule
{
    public string Code => ProofReason.ZeroDuration;

    public ProofCheck CheckTest(TestEvidence test, SuiteEvidence suite)
    {
        if (!test.Passed) return ProofCheck.NotApplicable(Code);
        var floor = suite.Config.MinDuration;
        return test.Duration < floor
            ? ProofCheck.Unproven(Code, $"took {ProofFormat.Duration(test.Duration)}, below the floor of {ProofFormat.Duration(floor)}")
            : ProofCheck.Ok(Code);
    }
}
