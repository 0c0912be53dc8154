using Greenlight.Model;

namespace Greenlight.Proof.Rules;

/// <summary><c>unawaited-coroutine</c>: a coroutine was created and dropped, so the async body never ran.</summary>
public sealed class UnawaitedCoroutineRule : IProofRule
{
    private const string Marker = "was never awaited";

    public string Code => ProofReason.UnawaitedCoroutine;

    public ProofCheck CheckTest(TestEvidence test, SuiteEvidence suite)
    {
        if (!test.Passed) return ProofCheck.NotApplicable(Code);
        var warning = test.Pytest?.Warnings.FirstOrDefault(w => w.IsUnawaitedCoroutine);
        if (warning is not null) return ProofCheck.Unproven(Code, warning.ToString());
        var line = test.Output?.FirstOrDefault(l => l.Contains(Marker, StringComparison.Ordinal));
        if (line is not null) return ProofCheck.Unproven(Code, $"output: {line.Trim()}");
        if (test.Pytest is null && suite.Runner == "pytest")
        {
            return ProofCheck.NotEvaluated(Code, "the pytest plugin recorded no warnings for this test (was it loaded?)");
        }

        return test.Pytest is null && test.Output is null ? ProofCheck.NotApplicable(Code) : ProofCheck.Ok(Code);
    }
}
