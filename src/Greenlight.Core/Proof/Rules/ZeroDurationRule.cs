using Greenlight.Model;

namespace Greenlight.Proof.Rules;

/// <summary>
/// <c>zero-duration</c>: a pass that took no measurable time did not talk to anything, unless the
/// recording proxies saw its own requests (a fast test on a kept-alive connection is still real).
/// </summary>
public sealed class ZeroDurationRule : IProofRule
{
    public string Code => ProofReason.ZeroDuration;

    public ProofCheck CheckTest(TestEvidence test, SuiteEvidence suite)
    {
        if (!test.Passed) return ProofCheck.NotApplicable(Code);
        var floor = suite.Config.MinDuration;
        if (test.TrafficKnown && test.Traffic.Count > 0) return ProofCheck.Ok(Code);
        return test.Duration < floor
            ? ProofCheck.Unproven(Code, $"took {ProofFormat.Duration(test.Duration)}, below the floor of {ProofFormat.Duration(floor)}")
            : ProofCheck.Ok(Code);
    }
}
