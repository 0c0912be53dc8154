using System.Text.Json;

namespace Greenlight.Results;

/// <summary>
/// Recognises JSON formats by content: the property names of the top-level object, as far as the
/// first bytes of a file go (a cut value just ends the list).
/// </summary>
internal static class JsonHead
{
    public static IReadOnlyList<string> TopLevelNames(ReadOnlySpan<byte> head)
    {
        var names = new List<string>();
        var reader = new Utf8JsonReader(WithoutBom(head), isFinalBlock: false, state: default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return names;
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    names.Add(reader.GetString() ?? "");
                }
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: what was read so far still counts.
        }

        return names;
    }

    /// <summary>The top-level names of the first line that is a JSON object (JSON Lines may follow plain text).</summary>
    public static IReadOnlyList<string> FirstObjectLineNames(ReadOnlySpan<byte> head)
    {
        var rest = WithoutBom(head);
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = (end < 0 ? rest : rest[..end]).TrimStart(" \t\r"u8);
            if (!line.IsEmpty && line[0] == (byte)'{')
            {
                return TopLevelNames(line);
            }

            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return [];
    }

    private static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> head) =>
        (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head).TrimStart(" \t\r\n"u8);
}
