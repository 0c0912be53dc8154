using Greenlight.Repository;

namespace Greenlight.Gates;

/// <summary>
/// Finds CRLF line endings in tracked files that must be LF: those <c>.gitattributes</c> marks
/// <c>eol=lf</c>, plus <see cref="LineEndingOptions.Include"/> and shebang scripts, unless marked
/// <c>-text</c>, <c>binary</c> or <c>eol=crlf</c>. It reads the working tree, because that is what
/// a local build deploys; git's own attribute resolution (<c>git ls-files --eol</c>) decides which
/// rules apply, so nested and info/attributes files count too.
/// </summary>
public sealed class LineEndingGate(Git git, TimeProvider time, LineEndingOptions? options = null) : IGate
{
    public const string GateName = "line-endings";
    private static readonly Dictionary<string, string> LiteralPaths = new(StringComparer.Ordinal) { ["GIT_LITERAL_PATHSPECS"] = "1" };
    private readonly LineEndingOptions _options = options ?? new LineEndingOptions();

    public string Name => GateName;

    public async Task<GateResult> RunAsync(GateContext context, CancellationToken cancellationToken)
    {
        var clock = time.GetTimestamp();
        var root = Path.GetFullPath(context.RepositoryRoot);
        var top = await git.RunAsync(root, ["rev-parse", "--show-toplevel"], cancellationToken).ConfigureAwait(false);
        if (!top.Succeeded)
        {
            return Result(false, [], clock, $"{root} is not a git repository, so tracked files cannot be listed ({top.Error})");
        }

        var repo = top.Output.Trim();
        var folders = context.ServiceDirectories.Count == 0 ? [root] : context.ServiceDirectories.Select(d => Path.GetFullPath(d, root));
        var specs = folders.Select(f => Path.GetRelativePath(repo, f)).Select(r => r.Replace('\\', '/')).Distinct().ToList();
        var listed = await git.RunAsync(repo, ["ls-files", "--eol", "-z", "--", .. specs], cancellationToken, LiteralPaths).ConfigureAwait(false);
        if (!listed.Succeeded)
        {
            return Result(false, [], clock, listed.Error);
        }

        var include = _options.Include.Select(g => new PathGlob(g)).ToList();
        var exclude = _options.Exclude.Select(g => new PathGlob(g)).ToList();
        var findings = new List<GateFinding>();
        var files = 0;
        var checkedFiles = 0;
        foreach (var entry in Git.SplitNul(listed.Output))
        {
            var (path, attributes) = ParseEntry(entry);
            var full = Path.Combine(repo, path);
            files++;
            if (PathGlob.MatchesAny(exclude, path) || IsExempt(attributes) || !File.Exists(full))
            {
                continue;
            }

            var required = attributes.Contains("eol=lf", StringComparison.Ordinal) || PathGlob.MatchesAny(include, path);
            if (!required && !_options.Shebangs)
            {
                continue;
            }

            var scan = await CrlfScanner.ScanAsync(full, _options.LinesPerFile, cancellationToken).ConfigureAwait(false);
            if (scan.IsBinary || !(required || scan.HasShebang))
            {
                continue;
            }

            checkedFiles++;
            findings.AddRange(Describe(path, scan, required ? Reason(attributes) : "a shebang script"));
        }

        var offenders = findings.Select(f => f.File).Distinct(StringComparer.Ordinal).Count();
        return Result(
            findings.Count == 0,
            findings,
            clock,
            findings.Count == 0
                ? $"{checkedFiles} of {files} tracked files must be LF; none has CRLF"
                : $"{offenders} file(s) that must be LF have CRLF line endings");
    }

    private static (string Path, string Attributes) ParseEntry(string entry)
    {
        var tab = entry.IndexOf('\t', StringComparison.Ordinal);
        var head = entry[..tab];
        var attr = head.IndexOf("attr/", StringComparison.Ordinal);
        return (entry[(tab + 1)..], attr < 0 ? "" : head[(attr + 5)..].Trim());
    }

    private static bool IsExempt(string attributes) =>
        attributes.Contains("-text", StringComparison.Ordinal) || attributes.Contains("eol=crlf", StringComparison.Ordinal);

    private static string Reason(string attributes) =>
        attributes.Contains("eol=lf", StringComparison.Ordinal) ? ".gitattributes says eol=lf" : "scripts and sources of this type must be LF";

    private static IEnumerable<GateFinding> Describe(string path, CrlfScan scan, string reason)
    {
        foreach (var line in scan.FirstLines)
        {
            yield return new GateFinding(path, line, $"CRLF line ending ({reason})");
        }

        if (scan.Count > scan.FirstLines.Count)
        {
            yield return new GateFinding(path, null, $"{scan.Count - scan.FirstLines.Count} more CRLF lines ({scan.Count} in all)");
        }
    }

    private GateResult Result(bool passed, IReadOnlyList<GateFinding> findings, long clock, string summary) =>
        new() { Gate = GateName, Passed = passed, Findings = findings, Duration = time.GetElapsedTime(clock), Summary = summary };
}
