using System.Xml;

namespace Greenlight.Results;

/// <summary>The one way readers open XML: streaming, no DTD (no XXE, no entity bombs), no resolver, bounded.</summary>
internal static partial class SafeXml
{
    private const int BufferSize = 64 * 1024;

    public static XmlReaderSettings Settings(ResultReaderLimits limits, XmlNameTable nameTable) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = limits.MaxDocumentCharacters,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
        NameTable = nameTable,
    };

    public static Stream OpenRead(string path) =>
        new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, BufferSize, FileOptions.SequentialScan);

    /// <summary>Reads one attribute-only element's attribute without allocating for the others.</summary>
    public static string? Attribute(XmlReader reader, string atomizedName)
    {
        if (!reader.MoveToFirstAttribute())
        {
            return null;
        }

        try
        {
            do
            {
                if (ReferenceEquals(reader.LocalName, atomizedName))
                {
                    return reader.Value;
                }
            }
            while (reader.MoveToNextAttribute());
            return null;
        }
        finally
        {
            reader.MoveToElement();
        }
    }

    /// <summary>Moves to the root element; a different root is a Problem (e.g. a reader called on the wrong format).</summary>
    public static bool ExpectRoot(XmlReader reader, string path, string format, ICollection<string> problems, params ReadOnlySpan<string> roots)
    {
        if (reader.MoveToContent() != XmlNodeType.Element)
        {
            problems.Add($"{path}: no root element, not a {format} file");
            return false;
        }

        foreach (var root in roots)
        {
            if (reader.LocalName == root)
            {
                return true;
            }
        }

        problems.Add($"{path}: root element <{reader.LocalName}> is not {format}");
        return false;
    }

    /// <summary>
    /// Calls <paramref name="onElement"/> for each child element of the element the reader is on; the
    /// handler must consume the child (read it, skip it). Leaves the reader on the parent's end tag,
    /// so the caller can record what it read before the next read, which is the one that fails in a
    /// truncated file.
    /// </summary>
    public static void ReadChildren(XmlReader reader, Action<string> onElement)
    {
        if (reader.IsEmptyElement)
        {
            return;
        }

        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                onElement(reader.LocalName);
            }
            else
            {
                reader.Read();
            }
        }
    }
}
