using System.Text;

namespace Greenlight.Reporting;

/// <summary>A small Markdown builder that escapes what it is given, so test names and log lines cannot break tables.</summary>
public sealed class MarkdownWriter
{
    private readonly StringBuilder _text = new();

    public MarkdownWriter Heading(int level, string text)
    {
        // Headings need one blank line before them; tables and blocks already end with one.
        if (_text.Length > 0 && !EndsWithBlankLine())
        {
            _text.Append('\n');
        }

        _text.Append('#', level).Append(' ').Append(Inline(text)).Append("\n\n");
        return this;
    }

    public MarkdownWriter Line(string markdown)
    {
        _text.Append(markdown).Append('\n');
        return this;
    }

    public MarkdownWriter Blank()
    {
        _text.Append('\n');
        return this;
    }

    public MarkdownWriter Bullet(string markdown) => Line($"- {markdown}");

    public MarkdownWriter Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        _text.Append("| ").AppendJoin(" | ", headers.Select(Cell)).Append(" |\n");
        _text.Append('|').AppendJoin("|", headers.Select(_ => "---")).Append("|\n");
        foreach (var row in rows)
        {
            _text.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
        }

        return Blank();
    }

    /// <summary>A fenced block; the fence is longer than any backtick run inside, so content cannot close it.</summary>
    public MarkdownWriter Code(IEnumerable<string> lines, string language = "text")
    {
        var body = string.Join('\n', lines);
        var fence = new string('`', Math.Max(3, LongestRun(body, '`') + 1));
        _text.Append(fence).Append(language).Append('\n').Append(body).Append('\n').Append(fence).Append("\n\n");
        return this;
    }

    /// <summary>Escapes characters that Markdown would read as formatting (pipes are escaped by <see cref="Table"/>).</summary>
    public static string Inline(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Inline code; safe for any text.</summary>
    public static string CodeSpan(string text)
    {
        text = text.ReplaceLineEndings(" ");
        var fence = new string('`', LongestRun(text, '`') + 1);
        var pad = text.StartsWith('`') || text.EndsWith('`') ? " " : "";
        return $"{fence}{pad}{text}{pad}{fence}";
    }

    /// <summary>Text whose backtick-quoted parts become code spans and the rest is escaped.</summary>
    public static string WithCode(string text)
    {
        var parts = text.Split('`');
        return string.Concat(parts.Select((part, i) => i % 2 == 1 && i < parts.Length - 1 ? CodeSpan(part) : Inline(part)));
    }

    private bool EndsWithBlankLine() =>
        _text.Length >= 2 && _text[^1] == '\n' && _text[^2] == '\n';

    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);

    private static int LongestRun(string text, char c)
    {
        int longest = 0, current = 0;
        foreach (var ch in text)
        {
            current = ch == c ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return longest;
    }

    public override string ToString() => _text.ToString();
}
