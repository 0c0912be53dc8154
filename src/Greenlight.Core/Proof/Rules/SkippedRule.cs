using Greenlight.Model;

namespace Greenlight.Proof.Rules;

/// <summary><c>skipped</c>: skipped, xfail or not executed is never a pass.</summary>
public sealed class SkippedRule : IProofRule
{
    public string Code => ProofReason.Skipped;

    public ProofCheck CheckTest(TestEvidence test, SuiteEvidence suite)
    {
        if (test.Case.Outcome != TestOutcome.Skipped) return ProofCheck.NotApplicable(Code);
        var reason = test.Pytest?.SkipReason ?? test.Case.Message;
        return ProofCheck.Unproven(Code, string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason);
    }
}
