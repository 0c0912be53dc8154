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

        var byCase = proof.Tests.ToDictionary(t => t.Case, (IEqualityComparer<TestCaseResult>)ReferenceEqualityComparer.Instance);
        var judged = tests.Select((t, i) => i < result.Cases.Count && byCase.TryGetValue(result.Cases[i], out var test)
            ? t with { Proven = test.Proven, Reasons = test.Reasons, Evidence = test.Evidence, Requests = test.Requests, ProofLevel = test.Level }
            : t).ToList();
        return (record with { ProofReasons = proof.SuiteReasons, ProofEvidence = proof.SuiteEvidence, ProofNotes = notes }, judged);
    }
}
