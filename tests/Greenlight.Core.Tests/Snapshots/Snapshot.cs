using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Greenlight.Core.Tests.Snapshots;

/// <summary>
/// Compares rendered output with <c>Class.Test.verified.ext</c> beside the test source. On a mismatch it writes
/// <c>.received.ext</c> and fails; accept a change by moving received over verified.
/// </summary>
internal static partial class Snapshot
{
    public static void Match(string actual, string extension, IReadOnlyDictionary<string, string>? paths = null,
        [CallerFilePath] string sourceFile = "", [CallerMemberName] string testName = "")
    {
        var stem = Path.Combine(Path.GetDirectoryName(sourceFile)!, $"{Path.GetFileNameWithoutExtension(sourceFile)}.{testName}");
        var verified = $"{stem}.verified.{extension}";
        var received = $"{stem}.received.{extension}";
        var scrubbed = Scrub(actual, paths);
        if (File.Exists(verified) && File.ReadAllText(verified).ReplaceLineEndings("\n") == scrubbed)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, scrubbed);
        Assert.Fail(File.Exists(verified)
            ? $"Snapshot differs: compare {received} with {verified}; if the new output is right, move it over the verified file."
            : $"No snapshot yet: review {received} and rename it to {Path.GetFileName(verified)}.");
    }

    /// <summary>Replaces what changes from run to run (times, durations, ports, run ids, paths) with fixed tokens.</summary>
    public static string Scrub(string text, IReadOnlyDictionary<string, string>? paths = null)
    {
        foreach (var (path, token) in (paths ?? new Dictionary<string, string>()).OrderByDescending(p => p.Key.Length))
        {
            text = text.Replace(path, token, StringComparison.Ordinal);
        }

        text = text.Replace(Path.GetTempPath().TrimEnd('/'), "{TEMP}", StringComparison.Ordinal);
        text = RunId().Replace(text, "{RUN-ID}");
        text = IsoTime().Replace(text, "{TIME}");
        text = WorklogTime().Replace(text, "{TIME}");
        text = Port().Replace(text, "${host}:{PORT}");
        text = JsonMs().Replace(text, "${key}: 0");
        text = Minutes().Replace(text, "{DURATION}");
        text = Seconds().Replace(text, "{DURATION}");
        return text.ReplaceLineEndings("\n");
    }

    [GeneratedRegex(@"\b\d{8}-\d{6}-[0-9a-f]{4}\b")]
    private static partial Regex RunId();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC")]
    private static partial Regex WorklogTime();

    [GeneratedRegex(@"(?<host>127\.0\.0\.1|localhost|\[::1\]):\d{2,5}")]
    private static partial Regex Port();

    [GeneratedRegex(@"(?<key>""\w+_ms""): \d+")]
    private static partial Regex JsonMs();

    [GeneratedRegex(@"\b\d+ m \d+ s\b")]
    private static partial Regex Minutes();

    [GeneratedRegex(@"\b\d+(\.\d+)? (ms|s)\b")]
    private static partial Regex Seconds();
}
