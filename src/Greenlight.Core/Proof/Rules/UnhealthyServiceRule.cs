using Greenlight.Model;
using Greenlight.Stages;

namespace Greenlight.Proof.Rules;

/// <summary>
/// <c>unhealthy-service</c>: the test passed while a probe of a service it targets was failing.
/// The state during the window is the last probe before it plus every probe inside it.
/// </summary>
public sealed class UnhealthyServiceRule : IProofRule
{
    public string Code => ProofReason.UnhealthyService;

    public ProofCheck CheckTest(TestEvidence test, SuiteEvidence suite)
    {
        if (!test.Passed) return ProofCheck.NotApplicable(Code);
        if (test.Window is not { } window) return ProofCheck.NotEvaluated(Code, "the runner gave no start/end times for this test");
        if (test.TargetServices.Count == 0) return ProofCheck.NotEvaluated(Code, "no service is known to be targeted by this test");

        var skew = suite.Config.ClockSkew;
        var probed = false;
        foreach (var service in test.TargetServices)
        {
            var probes = suite.Probes.Where(p => p.Service == service).OrderBy(p => p.At).ToList();
            var before = probes.LastOrDefault(p => p.At < window.Start - skew);
            var relevant = probes.Where(p => p.At >= window.Start - skew && p.At <= window.End + skew).Prepend(before).OfType<ProbeResult>().ToList();
            probed |= relevant.Count > 0;
            var failing = relevant.FirstOrDefault(p => !p.Healthy);
            if (failing is not null)
            {
                var status = failing.StatusCode is { } s ? $" → {s}" : "";
                return ProofCheck.Unproven(Code, $"{service} probe {failing.Url}{status} failing at {failing.At:HH:mm:ss.fff}: {failing.Detail}");
            }
        }

        return probed ? ProofCheck.Ok(Code) : ProofCheck.NotEvaluated(Code, $"no probe results for {string.Join(", ", test.TargetServices)} before or during the test");
    }
}
