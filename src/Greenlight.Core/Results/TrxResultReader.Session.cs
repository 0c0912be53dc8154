using System.Xml;
using Greenlight.Model;

namespace Greenlight.Results;

public sealed partial class TrxResultReader
{
    private sealed class Session(string path, ResultReaderLimits limits, CancellationToken cancellationToken)
    {
        private readonly List<RawResult> _results = [];
        private readonly Dictionary<string, Definition> _definitions = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _problems = [];

        public ResultFile Read()
        {
            try
            {
                using var reader = XmlReader.Create(SafeXml.OpenRead(path), SafeXml.Settings(limits, new NameTable()));
                var isTrx = SafeXml.ExpectRoot(reader, path, "TRX", _problems, "TestRun");
                while (isTrx && !reader.EOF)
                {
                    if (reader.NodeType == XmlNodeType.Element)
                    {
                        switch (reader.LocalName)
                        {
                            case "UnitTestResult":
                                cancellationToken.ThrowIfCancellationRequested();
                                _results.Add(ReadResult(reader));
                                break;
                            case "UnitTest":
                                var definition = ReadDefinition(reader, out var id);
                                if (id is not null)
                                {
                                    _definitions[id] = definition;
                                }

                                break;
                            case "InnerResults" or "ResultSummary" or "TestSettings" or "TestEntries" or "TestLists":
                                reader.Skip();
                                continue;
                        }
                    }

                    reader.Read();
                }
            }
            catch (Exception ex) when (ex is XmlException or IOException or UnauthorizedAccessException)
            {
                _problems.Add(SafeXml.Describe(path, ex));
            }

            return new ResultFile(path, "trx", Join(), _problems);
        }

        private List<TestCaseResult> Join()
        {
            var cases = new List<TestCaseResult>(_results.Count);
            var repeats = new RepeatedNames();
            var orphans = 0;
            foreach (var result in _results)
            {
                Definition? definition = null;
                if (result.TestId is null || !_definitions.TryGetValue(result.TestId, out definition))
                {
                    orphans++;
                }

                cases.Add(repeats.Number(result.ToCase(definition, limits)));
            }

            // In a truncated file the definitions (written after the results) are simply missing; say so once.
            if (orphans > 0 && _problems.Count == 0)
            {
                _problems.Add($"{path}: {orphans} result(s) have no matching UnitTest definition; their class names are unknown");
            }

            return cases;
        }

        private static RawResult ReadResult(XmlReader reader)
        {
            var result = new RawResult
            {
                TestId = reader.GetAttribute("testId"),
                TestName = reader.GetAttribute("testName") ?? "",
                Outcome = reader.GetAttribute("outcome"),
                Duration = reader.GetAttribute("duration"),
                StartTime = reader.GetAttribute("startTime"),
                EndTime = reader.GetAttribute("endTime"),
            };
            SafeXml.ReadChildren(reader, name =>
            {
                if (name == "Output")
                {
                    ReadOutput(reader, result);
                    reader.Read();
                }
                else
                {
                    reader.Skip();
                }
            });
            return result;
        }

        private static void ReadOutput(XmlReader reader, RawResult result) => SafeXml.ReadChildren(reader, name =>
        {
            switch (name)
            {
                case "StdOut":
                    result.StdOut = reader.ReadElementContentAsString();
                    break;
                case "StdErr":
                    result.StdErr = reader.ReadElementContentAsString();
                    break;
                case "ErrorInfo":
                    SafeXml.ReadChildren(reader, child =>
                    {
                        if (child == "Message") { result.ErrorMessage = reader.ReadElementContentAsString(); }
                        else if (child == "StackTrace") { result.StackTrace = reader.ReadElementContentAsString(); }
                        else { reader.Skip(); }
                    });
                    reader.Read();
                    break;
                case "TextMessages":
                    SafeXml.ReadChildren(reader, child =>
                    {
                        if (child == "Message") { result.TextMessages = TextField.Join(result.TextMessages, reader.ReadElementContentAsString()); }
                        else { reader.Skip(); }
                    });
                    reader.Read();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        });

        private static Definition ReadDefinition(XmlReader reader, out string? id)
        {
            id = reader.GetAttribute("id");
            string? className = null;
            Dictionary<string, string>? properties = null;
            SafeXml.ReadChildren(reader, name =>
            {
                if (name == "TestMethod")
                {
                    className = reader.GetAttribute("className");
                    reader.Skip();
                }
                else if (name == "Properties")
                {
                    properties = ReadProperties(reader);
                    reader.Read();
                }
                else
                {
                    reader.Skip();
                }
            });
            return new Definition(className ?? "", properties);
        }

        // MTP's TRX keeps some traits as <Property><Key/><Value/></Property>.
        private static Dictionary<string, string> ReadProperties(XmlReader reader)
        {
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            SafeXml.ReadChildren(reader, name =>
            {
                if (name != "Property")
                {
                    reader.Skip();
                    return;
                }

                string? key = null, value = null;
                SafeXml.ReadChildren(reader, child =>
                {
                    if (child == "Key") { key = reader.ReadElementContentAsString(); }
                    else if (child == "Value") { value = reader.ReadElementContentAsString(); }
                    else { reader.Skip(); }
                });
                reader.Read();
                if (key is not null)
                {
                    properties[key] = value ?? "";
                }
            });
            return properties;
        }
    }
}
