using System.Text;

namespace Greenlight.Results;

/// <summary>
/// Finds the root element's name in the first bytes of a file, so a format is recognised by its
/// content: past a BOM, the XML declaration, comments and a DOCTYPE (which the reader then refuses).
/// </summary>
internal static class XmlHead
{
    public static string? RootName(ReadOnlySpan<byte> head)
    {
        var text = Decode(head);
        var i = 0;
        while (i < text.Length)
        {
            i = text.IndexOf('<', i);
            if (i < 0 || i + 1 >= text.Length)
            {
                return null;
            }

            var rest = text.AsSpan(i + 1);
            if (rest[0] is '?' or '!')
            {
                var close = rest.StartsWith("!--") ? text.IndexOf("-->", i, StringComparison.Ordinal) : text.IndexOf('>', i);
                if (close < 0)
                {
                    return null;
                }

                i = close + 1;
                continue;
            }

            var end = rest.IndexOfAny(" \t\r\n/>");
            var name = end < 0 ? rest : rest[..end];
            var colon = name.IndexOf(':');
            return (colon >= 0 ? name[(colon + 1)..] : name).ToString();
        }

        return null;
    }

    private static string Decode(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(head[2..]);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(head[2..]);
        }

        return Encoding.UTF8.GetString(head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head);
    }
}
