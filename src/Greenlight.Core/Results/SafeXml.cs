using System.Xml;

namespace Greenlight.Results;

/// <summary>The one way readers open XML: streaming, no DTD (no XXE, no entity bombs), no resolver, bounded.</summary>
internal static class SafeXml
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

    /// <summary>Turns what stopped a read into a Problem naming file, line and position.</summary>
    public static string Describe(string path, Exception exception) => exception switch
    {
        XmlException xml when xml.LineNumber > 0 =>
            $"{path}: malformed or truncated XML at line {xml.LineNumber}, position {xml.LinePosition}: {FirstSentence(xml.Message)}",
        XmlException xml => $"{path}: malformed XML: {FirstSentence(xml.Message)}",
        FileNotFoundException or DirectoryNotFoundException => $"{path}: result file not found",
        UnauthorizedAccessException => $"{path}: result file cannot be read (access denied)",
        _ => $"{path}: result file cannot be read: {exception.Message}",
    };

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

    // XmlException messages repeat the line and position we already give.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Line ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }
}
