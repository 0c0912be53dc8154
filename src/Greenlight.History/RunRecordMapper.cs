using Greenlight.Model;

namespace Greenlight.History;

/// <summary>
/// A run record as history keeps it: every iteration of the loop, each with its revisions, probes and
/// tests; the last one also with retries, flakiness and the analysed clusters (the record's own fields).
/// </summary>
public static class RunRecordMapper
{
    public static HistoryRun ToHistoryRun(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        // A run completed after its Greenlight process was gone is listed as such, not as a verdict it never reached.
        var verdict = record.Aborted ? "ABORTED" : Word(record.Verdict);
        var last = Last(record);
        var earlier = record.Iterations.Count > 1
            ? record.Iterations.Take(record.Iterations.Count - 1).Select(i => Iteration(
                i.Number, i.StartedAt, i.StartedAt + TimeSpan.FromMilliseconds(i.DurationMs), Word(i.Verdict), i.Services, i.Probes, i.Suites, i.Tests, []))
            : [];
        return new HistoryRun
        {
            Id = record.RunId,
            Project = record.Project,
            Started = record.StartedAt,
            Ended = record.EndedAt,
            Verdict = verdict,
            Focus = record.Focus,
            Iterations = [.. earlier, last],
        };
    }

    /// <summary>The last iteration, from the record's own fields (they describe it, with retries and clusters).</summary>
    private static HistoryIteration Last(RunRecord record)
    {
        var number = record.Iterations.Count > 0 ? record.Iterations[^1].Number : 1;
        var started = record.Iterations.Count > 1 ? record.Iterations[^1].StartedAt : record.StartedAt;
        var clusters = record.Clusters.Select(c => new HistoryCluster(c.Signature, c.Title, c.Count, null,
            [.. c.Evidence.Take(10).Select((l, i) => new HistoryEvidenceLine(i + 1, l.Service, l.At, l.Level, l.Text))]));
        return Iteration(number, started, record.EndedAt, Word(record.Verdict), record.Services, record.Probes, record.Suites, record.Tests, [.. clusters]);
    }

    private static HistoryIteration Iteration(
        int number, DateTimeOffset started, DateTimeOffset? ended, string verdict, IReadOnlyList<ServiceRecord> services,
        IReadOnlyList<ProbeRecord> probes, IReadOnlyList<SuiteRecord> suites, IReadOnlyList<TestRecord> tests, IReadOnlyList<HistoryCluster> clusters)
    {
        var phases = suites.GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Priority, StringComparer.Ordinal);
        return new HistoryIteration
        {
            Number = number,
            Started = started,
            Ended = ended,
            Verdict = verdict,
            Revisions = [.. services.Select(s => new HistoryRevision(s.Name, s.Revision, s.StartedAt))],
            Probes = [.. probes.Select(p => new HistoryProbe
            {
                Service = p.Service, Kind = p.Kind, Url = p.Url, Healthy = p.Healthy, Status = p.StatusCode,
                CloseCode = p.CloseCode, LatencyMs = p.LatencyMs, Detail = p.Detail, At = started,
            })],
            SuiteRequests = suites.Where(s => s.Requests is not null).DistinctBy(s => s.Id).ToDictionary(s => s.Id, s => s.Requests!.Value, StringComparer.Ordinal),
            // A repeated (suite, name) is saved once by the store; the outcome words are shared, not made per test.
            // Each row is made as the store reads it: a million tests are not held twice while they are saved.
            Tests = new Projected(tests, t => new HistoryTest(
                t.Suite, t.Name, phases.GetValueOrDefault(t.Suite, ""), Outcomes[(int)t.Outcome], t.DurationMs, t.Proven,
                t.Reasons, t.Message, null, t.Attempts, t.Flaky)),
            Clusters = clusters,
        };
    }

    /// <summary>The record's tests seen as history rows, each made when it is read.</summary>
    private sealed class Projected(IReadOnlyList<TestRecord> tests, Func<TestRecord, HistoryTest> project) : IReadOnlyList<HistoryTest>
    {
        public int Count => tests.Count;

        public HistoryTest this[int index] => project(tests[index]);

        public IEnumerator<HistoryTest> GetEnumerator() => tests.Select(project).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static readonly string[] Outcomes = [.. Enum.GetValues<TestOutcome>().Select(o => o.ToString().ToLowerInvariant())];

    private static string Word(Verdict verdict) => verdict.ToString().ToUpperInvariant();
}
