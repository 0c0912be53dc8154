using System.Text;
using System.Text.Json;

namespace Greenlight.Traffic;

/// <summary>
/// The error text of a response body, for a traffic record: a JSON body's <c>errors</c>, <c>message</c>,
/// <c>title</c> or <c>detail</c> field (the first present, nested messages joined), else the first
/// non-empty line of a text body. Bounded; the caller redacts it.
/// </summary>
public static class ResponseErrorText
{
    /// <summary>How much of a body is read: error bodies are small, and the text is only a headline.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public const int MaxLength = 200;

    private static readonly string[] Fields = ["errors", "message", "title", "detail", "error"];

    private static readonly string[] MessageFields = ["msg", "message", "detail", "title", "description", "error"];

    /// <summary>The error text of <paramref name="body"/>, or null when it has none (empty, binary, HTML without text).</summary>
    public static string? From(string? contentType, ReadOnlySpan<byte> body)
    {
        body = body.Length > MaxBodyBytes ? body[..MaxBodyBytes] : body;
        if (body.IsEmpty || body.IndexOf((byte)0) >= 0)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(body);
        if (IsJson(contentType, body) && FromJson(text) is { } json)
        {
            return Bound(json);
        }

        return FirstLine(contentType, text) is { } line ? Bound(line) : null;
    }

    private static bool IsJson(string? contentType, ReadOnlySpan<byte> body) =>
        contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
        || body.TrimStart(" \t\r\n"u8) is [(byte)'{' or (byte)'[', ..];

    private static string? FromJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.String)
            {
                return Clean(root.GetString());
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var field in Fields)
            {
                if (Property(root, field) is { } value && Join(Texts(value, 0)) is { } joined)
                {
                    return joined;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    // Validation errors nest: {"errors": {"tag": ["The tag field is required."]}}, FastAPI's [{"msg": …}].
    private static IEnumerable<string> Texts(JsonElement element, int depth)
    {
        if (depth > 4)
        {
            yield break;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String when Clean(element.GetString()) is { } text:
                yield return text;
                break;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                yield return element.GetRawText();
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var text in Texts(item, depth + 1))
                    {
                        yield return text;
                    }
                }

                break;
            case JsonValueKind.Object:
                var named = MessageFields.Select(f => Property(element, f)).FirstOrDefault(v => v is not null);
                var values = named is { } one ? [one] : element.EnumerateObject().Select(p => p.Value);
                foreach (var value in values)
                {
                    foreach (var text in Texts(value, depth + 1))
                    {
                        yield return text;
                    }
                }

                break;
        }
    }

    private static string? Join(IEnumerable<string> texts)
    {
        var distinct = texts.Distinct(StringComparer.Ordinal).Take(5).ToList();
        return distinct.Count == 0 ? null : string.Join("; ", distinct);
    }

    private static string? FirstLine(string? contentType, string text)
    {
        var html = contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true || text.TrimStart().StartsWith('<');
        foreach (var raw in text.Split('\n'))
        {
            var line = html ? StripTags(raw) : raw;
            if (Clean(line) is { } clean)
            {
                return clean;
            }
        }

        return null;
    }

    private static string StripTags(string line)
    {
        var text = new StringBuilder();
        var inTag = false;
        foreach (var c in line)
        {
            if (c == '<') inTag = true;
            else if (c == '>') inTag = false;
            else if (!inTag) text.Append(c);
        }

        return text.ToString();
    }

    private static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var line = string.Join(' ', text.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return line.Length == 0 ? null : line;
    }

    private static string Bound(string text) => text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
}
