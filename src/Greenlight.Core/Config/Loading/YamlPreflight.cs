using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Greenlight.Config.Loading;

/// <summary>
/// Checks a config's shape on the streaming parser before the YAML tree is built: its size, its
/// nesting depth, duplicate keys and syntax. The tree builder recurses once per level, so a file of
/// 40,000 nested <c>[</c> would overflow the stack; the event stream has no recursion, so stopping
/// at <see cref="MaxDepth"/> here means the tree is only built for files it can hold.
/// </summary>
internal static partial class YamlPreflight
{
    /// <summary>A real greenlight.yaml nests about eight levels; this leaves room for anchors and flow lists.</summary>
    public const int MaxDepth = 64;

    /// <summary>A real greenlight.yaml is a few kilobytes; a megabyte is another kind of file.</summary>
    public const long MaxBytes = 1024 * 1024;

    /// <summary>Every problem found in one pass: duplicate keys anywhere, then the first depth or syntax error.</summary>
    public static List<ConfigError> Check(string yaml, string displayPath)
    {
        if (TooLarge(yaml.Length, displayPath) is { } large)
        {
            return [large];
        }

        var errors = new List<ConfigError>();
        var shape = new YamlShape(displayPath, errors);
        try
        {
            var parser = new Parser(new StringReader(yaml));
            while (parser.MoveNext() && shape.Accept(parser.Current!))
            {
            }
        }
        catch (YamlException ex)
        {
            errors.Add(SyntaxError(ex, yaml, displayPath));
        }

        return errors;
    }

    /// <summary>The size error for a file of <paramref name="length"/> bytes (or characters), or null when it fits.</summary>
    public static ConfigError? TooLarge(long length, string displayPath) =>
        length <= MaxBytes
            ? null
            : new ConfigError(displayPath, 1, 1, "", $"the file is {length / 1024} KB; a greenlight.yaml may be at most {MaxBytes / 1024} KB (is this the right file?)");

    /// <summary>
    /// A parser exception as a config error. For a tab in indentation the scanner reports where the
    /// enclosing block began (often 1:1), so the error points at the first indenting tab from there.
    /// </summary>
    public static ConfigError SyntaxError(YamlException ex, string yaml, string displayPath)
    {
        var message = MarkPrefix().Replace(ex.InnerException?.Message ?? ex.Message, "");
        var (line, column) = ((int)ex.Start.Line, (int)ex.Start.Column);
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && IndentingTab(yaml, line) is { } tab)
        {
            (line, column) = tab;
            message = "a tab is used for indentation; YAML indents with spaces only";
        }

        return new ConfigError(displayPath, line, column, "", $"invalid YAML: {message}");
    }

    private static (int Line, int Column)? IndentingTab(string yaml, int fromLine)
    {
        var lines = yaml.Split('\n');
        for (var i = Math.Max(0, fromLine - 1); i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0)
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();
}
