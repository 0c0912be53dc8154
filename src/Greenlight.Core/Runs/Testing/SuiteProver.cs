using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Proof;
using Greenlight.Stages;

namespace Greenlight.Runs.Testing;

/// <summary>
/// Judges a suite's tests with the proof rules (docs/proof.md) from the runner's cases, the pytest
/// plugin's events, the traffic the proxies saw during the suite and the probe results.
/// </summary>
internal static class SuiteProver
{
    public static (SuiteRecord Suite, IReadOnlyList<TestRecord> Tests) Prove(
        SuiteConfig suite, SuiteRunResult result, SuiteRecord record, IReadOnlyList<TestRecord> tests,
        IReadOnlyList<TrafficRecord> traffic, bool recorded, IReadOnlyList<ProbeResult> probes, IReadOnlyDictionary<string, TimeSpan> medians)
    {
        var input = new ProofInput
        {
            SuiteId = suite.Id,
            Runner = suite.Runner,
            Cases = result.Cases,
            Pytest = result.Pytest,
            Traffic = traffic,
            Recorded = recorded,
            Probes = probes,
            MedianDurations = medians,
            Services = suite.Services,
            Config = suite.Proof,
        };
        var proof = new ProofEvaluator().Evaluate(input);
        var notes = proof.Notes.ToList();
        if (!recorded)
        {
            notes.Add("no recording proxy ran: traffic rules judged without traffic");
        }

        // The proofs follow the cases in order, less the collection-error cases: walk both at once (no lookup table).
        var judged = new List<TestRecord>(tests.Count);
        var next = 0;
        for (var i = 0; i < tests.Count; i++)
        {
            var t = tests[i];
            if (i < result.Cases.Count && next < proof.Tests.Count && ReferenceEquals(proof.Tests[next].Case, result.Cases[i]))
            {
                var test = proof.Tests[next++];
                t = t with
                {
                    Proven = test.Proven, Reasons = test.Reasons, Evidence = test.Evidence, Requests = test.Requests, ProofLevel = test.Level,
                    HistoryMedianMs = medians.TryGetValue(result.Cases[i].FullName, out var median) ? (long)median.TotalMilliseconds : null,
                };
            }

            judged.Add(t);
        }

        return (record with { ProofReasons = proof.SuiteReasons, ProofEvidence = proof.SuiteEvidence, ProofNotes = notes }, judged);
    }
}
