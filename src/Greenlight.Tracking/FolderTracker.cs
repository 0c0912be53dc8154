using System.Text;

namespace Greenlight.Tracking;

/// <summary>
/// <c>tracking: {folder: PATH}</c>: the same content as the GitHub issue, one markdown file per run
/// (<c>&lt;run-id&gt;.md</c>), for teams without GitHub. The first line holds the status
/// (<c>status: open</c> / <c>status: closed</c>) so the open ones can be found and closed.
/// </summary>
public sealed class FolderTracker(string folder, TimeProvider time) : ITracker
{
    private const string OpenLine = "<!-- status: open -->";
    private const string ClosedLine = "<!-- status: closed -->";

    public string Name => "folder";

    public async Task<TrackingResult> PublishAsync(TrackingReport report, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var now = time.GetUtcNow();
            if (report.IsGreen)
            {
                return new TrackingResult(true, null, await CloseOpenAsync(report, now, cancellationToken).ConfigureAwait(false), null);
            }

            var path = Path.Combine(folder, SafeFileName(report.RunId) + ".md");
            var text = new StringBuilder()
                .AppendLine(OpenLine)
                .AppendLine("# " + TrackingMarkdown.Title(report))
                .AppendLine()
                .Append(TrackingMarkdown.Body(report, now))
                .ToString();
            await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
            return new TrackingResult(true, path, [], null);
        }
        catch (IOException e)
        {
            return TrackingResult.Fail($"cannot write tracking files in {folder}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            return TrackingResult.Fail($"cannot write tracking files in {folder}: {e.Message}");
        }
    }

    private async Task<IReadOnlyList<string>> CloseOpenAsync(TrackingReport report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var closed = new List<string>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            if (!text.StartsWith(OpenLine, StringComparison.Ordinal))
            {
                continue;
            }

            var updated = ClosedLine + text[OpenLine.Length..].TrimEnd() + Environment.NewLine + Environment.NewLine
                + "**" + TrackingMarkdown.ClosingNote(report, now) + "**" + Environment.NewLine;
            await File.WriteAllTextAsync(path, updated, cancellationToken).ConfigureAwait(false);
            closed.Add(path);
        }

        return closed;
    }

    private static string SafeFileName(string runId) =>
        new([.. runId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]);
}
