using System.Xml;
using Greenlight.Model;

namespace Greenlight.Results;

public sealed partial class XunitReportReader
{
    private sealed class Session(string path, ResultReaderLimits limits, CancellationToken cancellationToken)
    {
        private readonly List<TestCaseResult> _cases = [];
        private readonly List<string> _problems = [];
        private readonly RepeatedNames _repeats = new();

        public ResultFile Read()
        {
            try
            {
                using var reader = XmlReader.Create(SafeXml.OpenRead(path), SafeXml.Settings(limits, new NameTable()));
                var isReport = SafeXml.ExpectRoot(reader, path, "an xunit report", _problems, "assemblies", "assembly");
                while (isReport && !reader.EOF)
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "test")
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        ReadTest(reader);
                    }
                    else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "errors")
                    {
                        ReadRunErrors(reader);
                    }

                    reader.Read();
                }
            }
            catch (Exception ex) when (ex is XmlException or IOException or UnauthorizedAccessException)
            {
                _problems.Add(SafeXml.Describe(path, ex));
            }

            return new ResultFile(path, "xunit", _cases, _problems);
        }

        /// <summary>Reads one test element; leaves the reader on its end tag after recording it.</summary>
        private void ReadTest(XmlReader reader)
        {
            var name = reader.GetAttribute("name") ?? "";
            var type = reader.GetAttribute("type") ?? "";
            var outcome = MapResult(reader.GetAttribute("result"));
            var duration = ParseSeconds(reader.GetAttribute("time"));
            var started = TrxResultReader.ParseTime(reader.GetAttribute("start-rtf"));
            var ended = TrxResultReader.ParseTime(reader.GetAttribute("finish-rtf"));
            string? message = null, stackTrace = null, output = null, reason = null;
            Dictionary<string, string>? traits = null;
            SafeXml.ReadChildren(reader, child =>
            {
                switch (child)
                {
                    case "output":
                        output = reader.ReadElementContentAsString();
                        break;
                    case "reason":
                        reason = reader.ReadElementContentAsString();
                        break;
                    case "traits":
                        traits = ReadTraits(reader);
                        reader.Read();
                        break;
                    case "failure":
                        (message, stackTrace) = ReadFailure(reader);
                        reader.Read();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            });

            if (type.Length > 0 && name.Length > type.Length + 1 && name.StartsWith(type, StringComparison.Ordinal) && name[type.Length] == '.')
            {
                name = name[(type.Length + 1)..];
            }

            _cases.Add(_repeats.Number(new TestCaseResult
            {
                Name = name,
                ClassName = type,
                Outcome = outcome,
                Duration = duration,
                Started = started,
                Ended = ended,
                Message = TextField.Bound(TextField.FirstLine(message) ?? TextField.FirstLine(reason), limits),
                StackTrace = TextField.Bound(stackTrace, limits),
                Output = TextField.Bound(output, limits),
                Traits = traits is null ? TestCaseResultDefaults.NoTraits : traits,
            }));
        }

        // xunit allows a trait name more than once; the values are kept, comma-separated, in order.
        private static Dictionary<string, string> ReadTraits(XmlReader reader)
        {
            var traits = new Dictionary<string, string>(StringComparer.Ordinal);
            SafeXml.ReadChildren(reader, child =>
            {
                if (child == "trait" && reader.GetAttribute("name") is { } key)
                {
                    var value = reader.GetAttribute("value") ?? "";
                    traits[key] = traits.TryGetValue(key, out var existing) ? $"{existing},{value}" : value;
                }

                reader.Skip();
            });
            return traits;
        }

        private static (string? Message, string? StackTrace) ReadFailure(XmlReader reader)
        {
            string? message = null, stackTrace = null;
            SafeXml.ReadChildren(reader, child =>
            {
                if (child == "message") { message = reader.ReadElementContentAsString(); }
                else if (child == "stack-trace") { stackTrace = reader.ReadElementContentAsString(); }
                else { reader.Skip(); }
            });
            return (message, stackTrace);
        }

        // Fixture and cleanup failures are reported outside any test: each one makes the run untrustworthy.
        private void ReadRunErrors(XmlReader reader) => SafeXml.ReadChildren(reader, child =>
        {
            if (child != "error")
            {
                reader.Skip();
                return;
            }

            var kind = reader.GetAttribute("type") ?? "error";
            var where = reader.GetAttribute("name");
            var (message, _) = reader.IsEmptyElement ? (null, null) : ReadErrorFailure(reader);
            _problems.Add($"{path}: {kind}{(where is null ? "" : $" in {where}")}: {TextField.FirstLine(message) ?? "no message"}");
            reader.Read();
        });

        private static (string? Message, string? StackTrace) ReadErrorFailure(XmlReader reader)
        {
            (string? Message, string? StackTrace) found = (null, null);
            SafeXml.ReadChildren(reader, child =>
            {
                if (child == "failure")
                {
                    found = ReadFailure(reader);
                    reader.Read();
                }
                else
                {
                    reader.Skip();
                }
            });
            return found;
        }
    }
}
