using System.Text.RegularExpressions;
using Greenlight.Analysis.Logs;
using Greenlight.Secrets;

namespace Greenlight.Analysis.Evidence;

/// <summary>
/// Builds a cluster's <see cref="EvidenceChain"/>: reads each involved service's logs in the
/// failure windows, ranks the entries, and names the deploy or restart that came last before
/// the first failure. Log sources that fail are listed as problems; the chain is still built.
/// </summary>
public sealed partial class EvidenceChainBuilder(SecretRedactor? redactor = null)
{
    private const int MaxWindows = 20;
    private readonly SecretRedactor _redactor = redactor ?? SecretRedactor.None;

    public async Task<EvidenceChain> BuildAsync(EvidenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        var windows = Windows(request.Cluster, request.Margin, request.FallbackWindow);
        if (windows.Count == 0)
        {
            problems.Add("the failures carry no times and no fallback window was given; no log lines read");
        }

        var services = request.Services.Count > 0 ? request.Services : [.. request.LogSources.Select(s => s.Service).Distinct(StringComparer.Ordinal)];
        var entries = new List<LogEntry>();
        foreach (var source in request.LogSources.Where(s => services.Contains(s.Service, StringComparer.Ordinal)))
        {
            foreach (var window in windows)
            {
                var read = await source.ReadAsync(window, request.MaxEntriesPerWindow, cancellationToken);
                entries.AddRange(read.Entries);
                problems.AddRange(read.Problems.Select(_redactor.Redact));
                if (read.Truncated)
                {
                    problems.Add($"{source.Service}: more than {request.MaxEntriesPerWindow} entries in a window; kept warnings and errors first");
                }
            }
        }

        entries = [.. entries.DistinctBy(e => (e.Service, e.Offset, e.Time)).Select(e => e with { Text = _redactor.Redact(e.Text), Message = _redactor.Redact(e.Message), Exception = e.Exception is null ? null : _redactor.Redact(e.Exception) })];
        var first = request.Cluster.FirstFailure;
        var ranked = EvidenceRanker.Rank(entries, request.Cluster.Signature, first, request.Margin, request.MaxLines);
        // An event during the first failing test (after it started, before it failed: a service killed mid-test) precedes the failure too.
        var failedAt = request.Cluster.FirstFailedAt is { } at && (first is null || at > first) ? at : first;
        var deploy = PrecedingDeploy(request.Deploys.Concat(RestartsInLogs(entries)), services, failedAt);
        return new EvidenceChain
        {
            Cluster = request.Cluster,
            Impact = request.Impact,
            Services = services,
            Windows = windows,
            Lines = ranked,
            PrecedingDeploy = deploy,
            DeployLead = deploy is null ? null : first is { } f && deploy.At <= f ? f - deploy.At : failedAt - deploy.At,
            History = request.History,
            Problems = [.. problems.Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>Each failure's time span widened by the margin, overlaps merged, at most 20 windows.</summary>
    public static IReadOnlyList<LogWindow> Windows(FailureCluster cluster, TimeSpan margin, LogWindow? fallback)
    {
        var spans = cluster.Occurrences
            .Where(o => o.Started.HasValue || o.Ended.HasValue)
            .Select(o => new LogWindow((o.Started ?? o.Ended!.Value) - margin, (o.Ended ?? o.Started!.Value) + margin))
            .OrderBy(w => w.From)
            .ToList();
        if (spans.Count == 0)
        {
            return fallback is null ? [] : [fallback];
        }

        var merged = new List<LogWindow> { spans[0] };
        foreach (var span in spans.Skip(1))
        {
            var last = merged[^1];
            merged[^1] = span.From <= last.To ? last with { To = span.To > last.To ? span.To : last.To } : last;
            if (span.From > last.To)
            {
                merged.Add(span);
            }
        }

        // Too many separate windows: read the first ones and one envelope over the rest.
        return merged.Count <= MaxWindows ? merged : [.. merged.Take(MaxWindows - 1), new LogWindow(merged[MaxWindows - 1].From, merged[^1].To)];
    }

    private static DeployEvent? PrecedingDeploy(IEnumerable<DeployEvent> events, IReadOnlyList<string> services, DateTimeOffset? firstFailure)
    {
        if (firstFailure is not { } first)
        {
            return null;
        }

        var before = events.Where(e => e.At <= first).ToList();
        var involved = before.Where(e => services.Contains(e.Service, StringComparer.Ordinal)).ToList();
        return (involved.Count > 0 ? involved : before).OrderByDescending(e => e.At).FirstOrDefault();
    }

    /// <summary>A service that logs its own start (ASP.NET, uvicorn, gunicorn, node) shows a restart nobody deployed.</summary>
    private static IEnumerable<DeployEvent> RestartsInLogs(IEnumerable<LogEntry> entries) =>
        entries.Where(e => e.Time.HasValue && StartMarker().IsMatch(e.Message)).Select(e => new DeployEvent(e.Service, e.Time!.Value, "restarted"));

    [GeneratedRegex(@"Application started|Now listening on|Started server process|Uvicorn running on|Booting worker|Listening at|Server (?:is )?listening on|service starting", RegexOptions.IgnoreCase)]
    private static partial Regex StartMarker();
}
