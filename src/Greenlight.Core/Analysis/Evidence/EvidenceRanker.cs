using System.Text.RegularExpressions;
using Greenlight.Analysis.Logs;

namespace Greenlight.Analysis.Evidence;

/// <summary>
/// Orders log entries so the most explanatory comes first: fatal and error entries, logged
/// exceptions, entries that name the failure's close code or status, entries sharing words with
/// the failure signature, entries close to the first failure; access-log lines of successful requests
/// stay below every warning and error. Repeats are folded into one, counting the
/// consecutive repeats the log readers already folded (<see cref="LogEntry.Repeats"/>).
/// </summary>
public static partial class EvidenceRanker
{
    private static readonly HashSet<string> CommonWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "error", "errors", "failed", "failure", "with", "that", "this", "from", "expected", "assert", "true", "false", "none", "null",
        "should", "either", "when", "then", "have", "been", "were", "test", "tests", "during", "while", "value", "values",
    };

    public static IReadOnlyList<RankedLogEntry> Rank(IEnumerable<LogEntry> entries, FailureSignature signature, DateTimeOffset? firstFailure, TimeSpan margin, int take)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var words = Words(signature.Key);
        var codes = signature.Codes.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        return [.. entries
            .GroupBy(e => (e.Service, Key: SignatureNormalizer.NormalizeTokens(e.Headline).ToLowerInvariant()))
            .Select(g =>
            {
                var first = g.OrderBy(e => e.Time ?? DateTimeOffset.MaxValue).First();
                var (score, why) = Score(first, words, codes, firstFailure, margin);
                var occurrences = g.Sum(e => e.Repeats);
                return new RankedLogEntry(first, score + Math.Min(occurrences - 1, 4), occurrences, why);
            })
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Entry.Time ?? DateTimeOffset.MaxValue)
            .Take(take)];
    }

    private static (double Score, List<string> Why) Score(LogEntry entry, HashSet<string> words, HashSet<string> codes, DateTimeOffset? firstFailure, TimeSpan margin)
    {
        var why = new List<string>();
        double score = entry.Severity switch
        {
            LogSeverity.Fatal => 60,
            LogSeverity.Error => 50,
            LogSeverity.Warning => 20,
            LogSeverity.Debug => -5,
            _ => 0,
        };
        if (entry.Severity >= LogSeverity.Warning)
        {
            why.Add(entry.Severity.ToString().ToLowerInvariant());
        }

        if (entry.Exception is not null)
        {
            score += 15;
            why.Add("exception");
        }

        var named = Number().Matches(entry.Text).Select(m => m.Value).Where(codes.Contains).Distinct(StringComparer.Ordinal).ToList();
        if (named.Count > 0)
        {
            score += 20;
            why.Add("names " + string.Join('/', named));
        }

        var shared = Words(entry.Headline + " " + entry.Message).Count(words.Contains);
        if (shared > 0)
        {
            score += Math.Min(shared * 4, 20);
            why.Add($"{shared} word(s) of the failure");
        }

        if (firstFailure is { } failure && entry.Time is { } time && margin > TimeSpan.Zero)
        {
            var distance = Math.Abs((failure - time).TotalMilliseconds);
            var span = 4 * margin.TotalMilliseconds;
            score += Math.Max(0, 10 * (1 - (distance / span)));
        }

        // An access-log line for a request that succeeded explains nothing: it stays below every error or warning.
        if (entry.Severity < LogSeverity.Warning && entry.Exception is null
            && AccessLine().Match(entry.Message) is { Success: true } access && access.Groups["status"].Value[0] is '1' or '2' or '3')
        {
            score = Math.Min(score, 5);
            why.Add("successful request");
        }

        return (score, why);
    }

    private static HashSet<string> Words(string text) =>
        [.. Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length >= 4 && !CommonWords.Contains(w))];

    [GeneratedRegex(@"[A-Za-z_][A-Za-z_]{3,}")]
    private static partial Regex Word();

    [GeneratedRegex(@"(?<!\d)\d{3,4}(?!\d)")]
    private static partial Regex Number();

    // "GET /health HTTP/1.1" 200, GET /health 200, ASP.NET's "Request finished HTTP/1.1 GET http://…/health - 200".
    [GeneratedRegex(@"\b(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+(?: HTTP/[\d.]+)?""?(?: -)? (?<status>[1-5]\d\d)\b")]
    private static partial Regex AccessLine();
}
