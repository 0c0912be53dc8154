using Greenlight.Model;

namespace Greenlight.Proof.Rules;

/// <summary><c>no-traffic</c>: no request reached any fronted service while the test ran.</summary>
public sealed class NoTrafficRule : IProofRule
{
    public string Code => ProofReason.NoTraffic;

    public ProofCheck CheckTest(TestEvidence test, SuiteEvidence suite)
    {
        if (!test.Passed) return ProofCheck.NotApplicable(Code);
        if (test.Traffic.Count > 0) return ProofCheck.Ok(Code);
        if (!test.TrafficKnown)
        {
            return ProofCheck.NotEvaluated(Code, "the runner gave no start/end times and no request carried X-Greenlight-Test for this test");
        }

        return test.Window is null
            ? ProofCheck.Unproven(Code, "no request carried this test's name (X-Greenlight-Test), while the suite's other tests tagged theirs: it sent none through the recording proxies")
            : ProofCheck.Unproven(Code, $"no request reached any service during the test ({test.Window}, ±{ProofFormat.Duration(suite.Config.ClockSkew)} clock skew)");
    }
}
