namespace Greenlight.Results;

/// <summary>Shapes runner text into the model's fields: a one-line message and bounded details.</summary>
internal static class TextField
{
    /// <summary>
    /// First meaningful line. Go's test framing (<c>=== RUN</c>, <c>=== PAUSE</c>, <c>--- SKIP</c>) is passed over,
    /// because gotestsum puts the whole test output, framing first, in a skip's message.
    /// </summary>
    public static string? FirstLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan(range).Trim();
            if (line.IsEmpty || line.StartsWith("=== ") || line.StartsWith("--- "))
            {
                continue;
            }

            return line.ToString();
        }

        return text.AsSpan().Trim().ToString() is { Length: > 0 } whole ? FirstLineOf(whole) : null;
    }

    public static string? Bound(string? text, ResultReaderLimits limits)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return text.Length <= limits.MaxFieldCharacters
            ? text
            : string.Concat(text.AsSpan(0, limits.MaxFieldCharacters), $"\n[greenlight: cut {text.Length - limits.MaxFieldCharacters} characters]");
    }

    public static string? Join(string? first, string? second) =>
        string.IsNullOrEmpty(first) ? second
        : string.IsNullOrEmpty(second) ? first
        : string.Concat(first, first.EndsWith('\n') ? "" : "\n", second);

    private static string FirstLineOf(string text)
    {
        var end = text.IndexOf('\n');
        return (end < 0 ? text : text[..end]).Trim();
    }
}
