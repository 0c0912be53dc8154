using System.Text.RegularExpressions;

namespace Greenlight.Runners;

/// <summary>
/// The command runner's <c>results:</c>: a file, or a glob where <c>*</c> and <c>?</c> stay inside one
/// folder and <c>**</c> crosses folders (e.g. <c>reports/**/junit-*.xml</c>). Relative to the base folder.
/// </summary>
public static class ResultGlob
{
    public static IReadOnlyList<string> Find(string pattern, string baseDirectory)
    {
        var full = Path.GetFullPath(pattern, baseDirectory).Replace('\\', '/');
        var wildcard = full.IndexOfAny(['*', '?']);
        if (wildcard < 0)
        {
            return File.Exists(full) ? [full] : [];
        }

        var root = full[..(full.LastIndexOf('/', wildcard) + 1)];
        if (!Directory.Exists(root))
        {
            return [];
        }

        var regex = new Regex("^" + Regex.Escape(full[root.Length..]).Replace(@"\*\*/", "(?:.*/)?", StringComparison.Ordinal)
            .Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal).Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$");
        return [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => regex.IsMatch(Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Order(StringComparer.Ordinal)];
    }
}
