using Greenlight.Config;
using Greenlight.Proof;
using Greenlight.Stages;

namespace Greenlight.Runs;

public sealed partial class RunPipeline
{
    /// <summary>
    /// Judges the suite's tests with the proof rules (docs/proof.md) from the runner's cases, the pytest
    /// plugin's events, the traffic the proxies saw during the suite and the probe results.
    /// </summary>
    private async Task<(SuiteRecord Suite, IReadOnlyList<TestRecord> Tests)> ProveAsync(
        RunState state, SuiteConfig suite, SuiteRunResult result, SuiteRecord record, IReadOnlyList<TestRecord> tests, int trafficBefore, CancellationToken cancellationToken)
    {
        await WaitForProxiesAsync(state, cancellationToken);
        var traffic = state.Traffic?.Snapshot().Skip(trafficBefore).ToList() ?? [];
        var input = new ProofInput
        {
            SuiteId = suite.Id,
            Runner = suite.Runner,
            Cases = result.Cases,
            Pytest = result.Pytest,
            Traffic = traffic,
            Probes = state.ProbeResults,
            MedianDurations = state.MedianDurations.GetValueOrDefault(suite.Id) ?? new Dictionary<string, TimeSpan>(),
            Services = suite.Services,
            Config = suite.Proof,
        };
        var proof = new ProofEvaluator().Evaluate(input);
        var notes = proof.Notes.ToList();
        if (state.Traffic is null)
        {
            notes.Add("no recording proxy ran: traffic rules judged without traffic");
        }

        var byCase = proof.Tests.ToDictionary(t => t.Case, (IEqualityComparer<Model.TestCaseResult>)ReferenceEqualityComparer.Instance);
        var judged = tests.Select((t, i) => i < result.Cases.Count && byCase.TryGetValue(result.Cases[i], out var test)
            ? t with { Proven = test.Proven, Reasons = test.Reasons, Evidence = test.Evidence, Requests = test.Requests }
            : t).ToList();
        return (record with
        {
            ProofReasons = proof.SuiteReasons,
            ProofEvidence = [.. proof.SuiteEvidence.Select(redactor.Redact)],
            ProofNotes = [.. notes.Select(redactor.Redact)],
        }, judged);
    }
}
