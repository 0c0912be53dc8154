using System.Text;
using System.Text.RegularExpressions;

namespace Greenlight.Repository;

/// <summary>
/// A gitignore-like glob over repository-relative paths with '/' separators: <c>*</c> and <c>?</c>
/// stay inside one path segment, <c>**</c> spans segments, and a pattern without a '/' matches the
/// file name at any depth (<c>*.py</c>, <c>Dockerfile</c>). A trailing '/' (<c>tests/</c>) means
/// everything under that folder, wherever the folder is.
/// </summary>
public sealed class PathGlob
{
    private readonly Regex _regex;

    public PathGlob(string pattern)
    {
        Pattern = pattern;
        _regex = new Regex(ToRegex(pattern), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    public string Pattern { get; }

    public bool IsMatch(string relativePath) => _regex.IsMatch(relativePath.Replace('\\', '/'));

    public static bool MatchesAny(IEnumerable<PathGlob> globs, string relativePath) =>
        globs.Any(g => g.IsMatch(relativePath));

    private static string ToRegex(string pattern)
    {
        var p = pattern.Replace('\\', '/');
        var anchored = p.TrimEnd('/').Contains('/', StringComparison.Ordinal);
        if (p.EndsWith('/'))
        {
            p += "**";
        }

        p = p.TrimStart('/');
        var sb = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            if (c == '*' && i + 1 < p.Length && p[i + 1] == '*')
            {
                var slash = i + 2 < p.Length && p[i + 2] == '/';
                sb.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                sb.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return sb.Append('$').ToString();
    }
}
