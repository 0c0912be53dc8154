using System.Globalization;
using System.Text.RegularExpressions;

namespace Greenlight.Analysis;

/// <summary>The token rules: what varies between occurrences of one fault, and what names it.</summary>
public static partial class SignatureNormalizer
{
    private const string Protect = "\u0001";

    /// <param name="text">The failure headline.</param>
    /// <param name="keepQuotedWords">For titles: keep quoted plain words (<c>"Internal error"</c>,
    /// <c>'connection_ready'</c>) that read better than <c>&lt;q&gt;</c>; keys always mask them.</param>
    internal static string NormalizeTokens(string text, bool keepQuotedWords = false)
    {
        // URLs first and set aside, so their paths are not mistaken for file paths.
        // Each rule runs only when the cheap character test says it can match: most messages are short and plain.
        var urls = new List<string>();
        if (text.Contains("://", StringComparison.Ordinal))
        {
            text = Url().Replace(text, m =>
            {
                urls.Add(m.Groups["scheme"].Value + "://<host>" + NormalizeUrlPath(m.Groups["path"].Value));
                return UrlPlaceholder(urls.Count - 1);
            });
        }

        var digits = text.AsSpan().IndexOfAnyInRange('0', '9') >= 0;
        if (digits && text.Contains('-', StringComparison.Ordinal))
        {
            text = IsoTimestamp().Replace(text, "<time>");
            text = Guid().Replace(text, "<id>");
        }

        if (digits && (text.Contains(':', StringComparison.Ordinal) || text.Contains('.', StringComparison.Ordinal)))
        {
            text = Address().Replace(text, "<addr>");
        }

        if (text.AsSpan().IndexOfAny('/', '\\') >= 0)
        {
            text = FilePath().Replace(text, "<path>");
        }

        if (digits)
        {
            text = HexNumber().Replace(text, "<hex>");
        }

        if (text.AsSpan().IndexOfAny('\'', '"', '`') >= 0)
        {
            text = QuotedValue().Replace(text, m => IsMeaningfulCode(m.Groups["v"].Value) ? m.Groups["v"].Value
                : keepQuotedWords && IsPlainWords(m.Groups["v"].Value) ? m.Value : "<q>");
        }

        if (digits)
        {
            text = Duration().Replace(text, "<time>");
            text = Errno().Replace(text, m => "[Errno#" + m.Groups["n"].Value + "]");
            text = Number().Replace(text, m => IsMeaningfulCode(m.Value) ? m.Value : "<n>");
            text = text.Replace("[Errno#", "[Errno ", StringComparison.Ordinal);
        }

        text = Whitespace().Replace(text, " ").Trim().TrimEnd('.', ':', ';', ',').Trim();
        for (var i = 0; i < urls.Count; i++)
        {
            text = text.Replace(UrlPlaceholder(i), urls[i], StringComparison.Ordinal);
        }

        return text;
    }

    // Letters, not digits, so the number rule cannot touch the placeholder.
    private static string UrlPlaceholder(int index) => Protect + "url" + new string('u', index + 1) + Protect;

    private static string NormalizeUrlPath(string path)
    {
        if (path.Length == 0)
        {
            return "";
        }

        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            path = path[..query];
        }

        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Any(char.IsDigit))
            {
                segments[i] = "<id>";
            }
        }

        return string.Join('/', segments);
    }

    /// <summary>HTTP statuses (100–599) and WebSocket close codes (1000–1015) name a fault; other numbers vary.</summary>
    internal static bool IsMeaningfulCode(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
        && value.Length is 3 or 4
        && (n is >= 100 and <= 599 || n is >= 1000 and <= 1015);

    [GeneratedRegex(@"(?<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]*)://[^\s/'""?#)]+(?<path>/[^\s'""#)]*)?")]
    private static partial Regex Url();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex IsoTimestamp();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex Guid();

    [GeneratedRegex(@"\[[0-9a-fA-F:]+\](?::\d{1,5})?|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b|\b(?:localhost|[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}):\d{1,5}\b")]
    private static partial Regex Address();

    [GeneratedRegex(@"(?<![\w<>])(?:[A-Za-z]:)?(?:[\\/][\w.@+~-]+){2,}[\\/]?|\b[\w.-]+(?:[\\/][\w.-]+)+\.[A-Za-z]{1,5}\b")]
    private static partial Regex FilePath();

    [GeneratedRegex(@"\b0x[0-9a-fA-F]+\b|\b(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\b")]
    private static partial Regex HexNumber();

    [GeneratedRegex(@"(?<!\w)(?:'(?<v>[^'\n]{0,300})'|""(?<v>[^""\n]{0,300})""|`(?<v>[^`\n]{0,300})`|\\""(?<v>[^""\n]{0,300})\\"")(?!\w)")]
    private static partial Regex QuotedValue();

    [GeneratedRegex(@"(?<![\w.])\d+(?:\.\d+)?\s?(?:ms|s|sec|secs|seconds?|minutes?|mins?|h|hours?|µs|us|ns)\b")]
    private static partial Regex Duration();

    [GeneratedRegex(@"\[Errno (?<n>\d+)\]")]
    private static partial Regex Errno();

    [GeneratedRegex(@"(?<![\w#])\d+(?:[.,]\d+)*(?!\w)")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Short quoted text of letters, spaces, '_' and '-' only: a name or phrase, not an id, path or value.</summary>
    private static bool IsPlainWords(string value) =>
        value.Length is > 0 and <= 40 && value.All(c => char.IsLetter(c) || c is ' ' or '_' or '-');
}
