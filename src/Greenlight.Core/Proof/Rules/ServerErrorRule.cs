using Greenlight.Model;

namespace Greenlight.Proof.Rules;

/// <summary><c>server-error</c>: the test passed although a service answered it with 5xx or closed its socket with 1011.</summary>
public sealed class ServerErrorRule : IProofRule
{
    private const int InternalErrorClose = 1011;

    public string Code => ProofReason.ServerError;

    public static bool IsServerError(TrafficRecord r) =>
        r.Status >= 500 || (r.IsWebSocket && r.CloseCode == InternalErrorClose && r.ClosedBy == "server");

    public ProofCheck CheckTest(TestEvidence test, SuiteEvidence suite)
    {
        if (!test.Passed) return ProofCheck.NotApplicable(Code);
        var errors = test.Traffic.Where(IsServerError).ToList();
        if (errors.Count > 0)
        {
            var shown = string.Join("; ", errors.Take(3).Select(ProofFormat.Request));
            var more = errors.Count > 3 ? $" (and {errors.Count - 3} more)" : "";
            return ProofCheck.Unproven(Code, shown + more);
        }

        return test.TrafficKnown
            ? ProofCheck.Ok(Code)
            : ProofCheck.NotEvaluated(Code, "no traffic could be tied to this test (no times, no X-Greenlight-Test)");
    }
}
