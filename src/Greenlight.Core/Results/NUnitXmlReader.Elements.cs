using System.Xml;

namespace Greenlight.Results;

public sealed partial class NUnitXmlReader
{
    private sealed partial class Session
    {
        private static string? ReadMessage(XmlReader reader) => ReadMessage(reader, out _);

        /// <summary>First line of a failure's or reason's message, and its stack trace; consumes the element.</summary>
        private static string? ReadMessage(XmlReader reader, out string? stackTrace)
        {
            string? message = null, trace = null;
            SafeXml.ReadChildren(reader, child =>
            {
                switch (child)
                {
                    case "message":
                        message = reader.ReadElementContentAsString();
                        break;
                    case "stack-trace":
                        trace = reader.ReadElementContentAsString();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            });
            reader.Read();
            stackTrace = string.IsNullOrEmpty(trace) ? null : trace;
            return TextField.FirstLine(message);
        }

        /// <summary>Properties as traits; NUnit's own (<c>_SKIPREASON</c>…) start with '_' and are left out, repeated names joined.</summary>
        private static Dictionary<string, string>? ReadProperties(XmlReader reader)
        {
            Dictionary<string, string>? traits = null;
            SafeXml.ReadChildren(reader, child =>
            {
                if (child == "property" && reader.GetAttribute("name") is { } key && !key.StartsWith('_'))
                {
                    var value = reader.GetAttribute("value") ?? "";
                    traits ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    traits[key] = traits.TryGetValue(key, out var earlier) ? $"{earlier},{value}" : value;
                }

                reader.Skip();
            });
            reader.Read();
            return traits;
        }
    }
}
