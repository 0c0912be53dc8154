using Greenlight.Runs;

namespace Greenlight.History;

/// <summary>A run record as history keeps it: one iteration per record until the loop adds more.</summary>
public static class RunRecordMapper
{
    public static HistoryRun ToHistoryRun(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var phases = record.Suites.ToDictionary(s => s.Id, s => s.Priority, StringComparer.Ordinal);
        var verdict = record.Verdict.ToString().ToUpperInvariant();
        return new HistoryRun
        {
            Id = record.RunId,
            Project = record.Project,
            Started = record.StartedAt,
            Ended = record.EndedAt,
            Verdict = verdict,
            Focus = record.Focus,
            Iterations =
            [
                new HistoryIteration
                {
                    Number = 1,
                    Started = record.StartedAt,
                    Ended = record.EndedAt,
                    Verdict = verdict,
                    Revisions = [.. record.Services.Select(s => new HistoryRevision(s.Name, s.Revision, s.StartedAt))],
                    Probes = [.. record.Probes.Select(p => new HistoryProbe
                    {
                        Service = p.Service, Kind = p.Kind, Url = p.Url, Healthy = p.Healthy, Status = p.StatusCode,
                        CloseCode = p.CloseCode, LatencyMs = p.LatencyMs, Detail = p.Detail, At = record.StartedAt,
                    })],
                    Tests = [.. record.Tests.DistinctBy(t => (t.Suite, t.Name)).Select(t => new HistoryTest(
                        t.Suite, t.Name, phases.GetValueOrDefault(t.Suite, ""), t.Outcome.ToString().ToLowerInvariant(), t.DurationMs, t.Proven,
                        t.Reasons, t.Message, null, t.Attempts, t.Flaky))],
                    Clusters = [.. record.Clusters.Select(c => new HistoryCluster(c.Signature, c.Title, c.Count, null,
                        [.. c.Evidence.Take(10).Select((l, i) => new HistoryEvidenceLine(i + 1, l.Service, l.At, l.Level, l.Text))]))],
                },
            ],
        };
    }
}
