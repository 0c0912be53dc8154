using System.Globalization;
using System.Text.RegularExpressions;

namespace Greenlight.Analysis;

/// <summary>
/// Turns a runner's failure message (and the head of its stack or body) into a
/// <see cref="FailureSignature"/>. Works on pytest, xunit, jest and JUnit-style messages alike:
/// the same fault seen by different runners gets the same key.
/// </summary>
public static partial class SignatureNormalizer
{
    private const int MaxKeyLength = 240;
    private const int MaxTitleLength = 100;

    public static FailureSignature Normalize(string? message, string? stackTrace)
    {
        var headline = FailureHeadline.Extract(message, stackTrace);
        if (headline.Text.Length == 0)
        {
            return FailureSignature.Empty;
        }

        var normalized = NormalizeTokens(headline.Text);
        if (headline.IsCollectionError)
        {
            normalized = "collection error: " + normalized;
        }

        if (normalized.Length > MaxKeyLength)
        {
            normalized = normalized[..MaxKeyLength];
        }

        var readable = NormalizeTokens(headline.Text, keepQuotedWords: true);
        if (headline.IsCollectionError)
        {
            readable = "collection error: " + readable;
        }

        var title = readable.Length <= MaxTitleLength ? readable : readable[..(MaxTitleLength - 1)] + "…";
        return new FailureSignature(
            normalized.ToLowerInvariant(),
            title,
            FindCodes(normalized),
            ExceptionTypeName().Match(headline.RawPrimary) is { Success: true } m ? m.Groups["type"].Value : null,
            headline.IsCollectionError);
    }

    /// <summary>
    /// A message that says a check failed but not what was wrong (<c>expected false to be truthy</c>,
    /// <c>Assert.True() Failure</c>, a bare <c>AssertionError</c>, pytest's <c>assert False</c>): it never
    /// decides a cluster alone; the failing exchange behind it does (<see cref="FailureSignature.With"/>).
    /// </summary>
    public static bool IsGeneric(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return GenericMessage().IsMatch(key.Trim());
    }

    private static List<int> FindCodes(string normalized)
    {
        var codes = new SortedSet<int>();
        foreach (Match m in CodeCandidate().Matches(normalized))
        {
            if (IsMeaningfulCode(m.Value))
            {
                codes.Add(int.Parse(m.Value, CultureInfo.InvariantCulture));
            }
        }

        foreach (var (phrase, code) in ReasonPhrases)
        {
            if (normalized.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                codes.Add(code);
            }
        }

        return [.. codes];
    }

    // A message often names the status only by its reason phrase ("Service Unavailable").
    private static readonly (string Phrase, int Code)[] ReasonPhrases =
    [
        ("Bad Request", 400), ("Unauthorized", 401), ("Forbidden", 403), ("Not Found", 404),
        ("Internal Server Error", 500), ("Bad Gateway", 502), ("Service Unavailable", 503),
        ("Gateway Timeout", 504), ("policy violation", 1008), ("(internal error)", 1011),
        ("Try Again Later", 1013),
    ];

    [GeneratedRegex(@"^(?:\(no message\)|assertionerror|assertion ?error:?|assertion failed!?|error|failed|assert (?:false|none|<n>|not true)|(?:false|true) is not (?:true|false)|expected (?:false|true|<q>|<n>|undefined|null|\{[^}]*\}|\[[^\]]*\]) to (?:be|equal|eql|deep equal|deeply equal|be ok|have property|include|exist)(?: [^ ]+)?|expect\(received\)\.(?:tobetruthy|tobefalsy|tobe|toequal)\(.*?\).*|assert\.(?:true|false|null|notnull|equal)\(\) failure.*|expected (?:true|false|<n>|null|none), got (?:true|false|<n>|null|none))$")]
    private static partial Regex GenericMessage();

    [GeneratedRegex(@"(?<!\w)\d{3,4}(?!\w)")]
    private static partial Regex CodeCandidate();

    [GeneratedRegex(@"\b(?:[A-Za-z_]\w*\.)*(?<type>[A-Z]\w*(?:Error|Exception|Exit|Interrupt))\b")]
    private static partial Regex ExceptionTypeName();
}
