using System.Xml;

namespace Greenlight.Results;

internal static partial class SafeXml
{
    /// <summary>Turns what stopped a read into a Problem naming file, line and position.</summary>
    public static string Describe(string path, Exception exception) => exception switch
    {
        XmlException xml when IsDtdRefusal(xml) => $"DTD not allowed (possible XML entity attack): {path}:{DoctypePosition(path)}",
        XmlException xml when xml.LineNumber > 0 =>
            $"{path}: malformed or truncated XML at line {xml.LineNumber}, position {xml.LinePosition}: {FirstSentence(xml.Message)}",
        XmlException xml => $"{path}: malformed XML: {FirstSentence(xml.Message)}",
        FileNotFoundException or DirectoryNotFoundException => $"{path}: result file not found",
        UnauthorizedAccessException => $"{path}: result file cannot be read (access denied)",
        _ => $"{path}: result file cannot be read: {exception.Message}",
    };

    // DtdProcessing.Prohibit throws a plain XmlException whose only mark is its text; its advice (turn DTD
    // processing on) is the opposite of what a result file needs, so the Problem never repeats it.
    private static bool IsDtdRefusal(XmlException exception) => exception.Message.Contains("DTD", StringComparison.Ordinal);

    /// <summary>
    /// "LINE:COL" of the DOCTYPE. The refusal's exception carries no position, and a DOCTYPE can only
    /// stand in the prolog, so the file's first characters are enough.
    /// </summary>
    private static string DoctypePosition(string path)
    {
        try
        {
            using var text = new StreamReader(OpenRead(path), detectEncodingFromByteOrderMarks: true);
            var buffer = new char[64 * 1024];
            var prolog = buffer.AsSpan(0, text.ReadBlock(buffer));
            var at = prolog.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
            if (at < 0)
            {
                return "0:0";
            }

            var line = prolog[..at].Count('\n') + 1;
            return $"{line}:{at - prolog[..at].LastIndexOf('\n')}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "0:0";
        }
    }

    // XmlException messages repeat the line and position we already give.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Line ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }
}
