using Greenlight.Model;

namespace Greenlight.Proof.Rules;

/// <summary><c>no-tests</c>: a suite that collected nothing proves nothing.</summary>
public sealed class NoTestsRule : IProofRule
{
    public string Code => ProofReason.NoTests;

    public ProofCheck CheckSuite(SuiteEvidence suite)
    {
        var real = suite.Cases.Count(c => !CollectionErrorRule.IsCollectionErrorCase(c));
        if (suite.Collected == 0 || real == 0)
        {
            return ProofCheck.Unproven(Code, suite.Collected == 0
                ? "the runner collected 0 tests"
                : "the runner reported no test cases");
        }

        return ProofCheck.Ok(Code);
    }
}
