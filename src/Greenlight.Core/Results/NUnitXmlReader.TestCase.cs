using System.Xml;
using Greenlight.Model;

namespace Greenlight.Results;

public sealed partial class NUnitXmlReader
{
    private sealed partial class Session
    {
        /// <summary>Reads one test-case element and what is in it; leaves the reader after its end tag.</summary>
        private void ReadTestCase(XmlReader reader)
        {
            var name = reader.GetAttribute("name") ?? "";
            var fullName = reader.GetAttribute("fullname") ?? "";
            var result = reader.GetAttribute("result");
            var label = reader.GetAttribute("label");
            var outcome = MapResult(result, label);
            var testCase = new TestCaseResult
            {
                // The logger writes a short classname; the full name always ends with ".name".
                Name = name,
                ClassName = fullName.EndsWith("." + name, StringComparison.Ordinal) ? fullName[..^(name.Length + 1)] : reader.GetAttribute("classname") ?? "",
                Outcome = outcome,
                Duration = Seconds.Parse(reader.GetAttribute("duration")),
                Started = ParseTime(reader.GetAttribute("start-time")),
                Ended = ParseTime(reader.GetAttribute("end-time")),
            };
            string? message = null, stackTrace = null, output = null;
            Dictionary<string, string>? traits = null;
            SafeXml.ReadChildren(reader, child =>
            {
                switch (child)
                {
                    case "failure" or "reason":
                        var text = ReadMessage(reader, out var trace);
                        message = text ?? message;
                        stackTrace = trace ?? stackTrace;
                        break;
                    case "output":
                        output = reader.ReadElementContentAsString();
                        break;
                    case "properties":
                        traits = ReadProperties(reader);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            });

            if (outcome is TestOutcome.Failed or TestOutcome.Error)
            {
                _failedCases++;
            }

            // Ignored, Explicit and Inconclusive all read as skipped: the label says which.
            var kind = result == "Inconclusive" ? result : outcome == TestOutcome.Skipped ? label : null;
            _collector.Add(testCase with
            {
                Message = TextField.Bound(kind is null ? message : $"{kind}: {message}", limits),
                StackTrace = TextField.Bound(stackTrace, limits),
                Output = TextField.Bound(output, limits),
                Traits = traits ?? TestCaseResultDefaults.NoTraits,
            });
            reader.Read();
        }
    }
}
