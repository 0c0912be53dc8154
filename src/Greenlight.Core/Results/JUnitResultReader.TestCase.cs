using System.Xml;
using Greenlight.Model;

namespace Greenlight.Results;

public sealed partial class JUnitResultReader
{
    private sealed partial class Session
    {
        private const string PytestCollectionFailure = "collection failure";

        /// <summary>Reads one testcase element and everything in it; leaves the reader after its end tag.</summary>
        private void ReadTestCase(XmlReader reader)
        {
            var at = reader is IXmlLineInfo info ? $"{info.LineNumber}:{info.LinePosition}" : "0:0";
            string? name = null, className = null, time = null;
            if (reader.MoveToFirstAttribute())
            {
                do
                {
                    var attribute = reader.LocalName;
                    if (ReferenceEquals(attribute, _names.Name)) { name = reader.Value; }
                    else if (ReferenceEquals(attribute, _names.ClassName)) { className = reader.Value; }
                    else if (ReferenceEquals(attribute, _names.Time)) { time = reader.Value; }
                }
                while (reader.MoveToNextAttribute());
                reader.MoveToElement();
            }

            var outcome = TestOutcome.Passed;
            string? message = null, details = null, output = null;
            Dictionary<string, string>? traits = null;
            if (!reader.IsEmptyElement)
            {
                var depth = reader.Depth;
                reader.Read();
                while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
                {
                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        reader.Read();
                        continue;
                    }

                    var child = reader.LocalName;
                    var childOutcome = ReferenceEquals(child, _names.Error) ? TestOutcome.Error
                        : ReferenceEquals(child, _names.Failure) ? TestOutcome.Failed
                        : ReferenceEquals(child, _names.Skipped) ? TestOutcome.Skipped
                        : (TestOutcome?)null;
                    if (childOutcome is { } found)
                    {
                        if (found != TestOutcome.Skipped)
                        {
                            _failureElements++;
                        }

                        var childMessage = SafeXml.Attribute(reader, _names.Message);
                        var body = reader.ReadElementContentAsString();
                        // An error outranks a failure (pytest adds a teardown error to a failed test), and both outrank a skip.
                        if (outcome == TestOutcome.Passed || Rank(found) > Rank(outcome))
                        {
                            outcome = found;
                            message = TextField.FirstLine(childMessage) ?? TextField.FirstLine(body);
                            details = body.Length > 0 ? body : childMessage is not null && childMessage.Contains('\n') ? childMessage : null;
                            if (found == TestOutcome.Error && className is { Length: 0 } && childMessage == PytestCollectionFailure)
                            {
                                NoteCollectionError(name ?? "", body);
                            }
                        }
                    }
                    else if (ReferenceEquals(child, _names.SystemOut) || ReferenceEquals(child, _names.SystemErr))
                    {
                        output = TextField.Join(output, reader.ReadElementContentAsString());
                    }
                    else if (ReferenceEquals(child, _names.Properties))
                    {
                        traits = ReadProperties(reader, traits);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }

            // Kept before moving on: in a truncated file the next read is the one that throws.
            Add(Build(name ?? "", className ?? "", time, outcome, message, details, output, traits), at);
            reader.Read();
        }

        private TestCaseResult Build(
            string name, string className, string? time, TestOutcome outcome,
            string? message, string? details, string? output, Dictionary<string, string>? traits)
        {
            // Producers disagree on what goes where: jest repeats the full title as classname,
            // xunit v3 repeats the class inside name. Normalise so FullName is "Class.Test" everywhere.
            if (className == name)
            {
                className = "";
                // jest-junit's "{classname} {title}" leaves a leading space on a test outside any
                // describe; jest's own fullName (and the Node adapter's X-Greenlight-Test) has none.
                name = name.Trim();
            }
            else if (className.Length > 0 && name.Length > className.Length + 1
                && name.StartsWith(className, StringComparison.Ordinal) && name[className.Length] == '.')
            {
                name = name[(className.Length + 1)..];
            }

            if (className == _lastClassName)
            {
                className = _lastClassName;
            }
            else
            {
                _lastClassName = className;
            }

            return new TestCaseResult
            {
                Name = name,
                ClassName = className,
                Outcome = outcome,
                Duration = Seconds.Parse(time),
                Message = TextField.Bound(message, limits),
                StackTrace = TextField.Bound(details, limits),
                Output = TextField.Bound(output, limits),
                Traits = traits is null ? TestCaseResultDefaults.NoTraits : traits,
            };
        }

        private Dictionary<string, string>? ReadProperties(XmlReader reader, Dictionary<string, string>? traits)
        {
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return traits;
            }

            var depth = reader.Depth;
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType == XmlNodeType.Element && ReferenceEquals(reader.LocalName, _names.Property)
                    && SafeXml.Attribute(reader, _names.Name) is { } key)
                {
                    traits ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    traits[key] = SafeXml.Attribute(reader, _names.Value) ?? "";
                    reader.Skip();
                }
                else if (reader.NodeType == XmlNodeType.Element)
                {
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                }
            }

            reader.Read();
            return traits;
        }

        private void NoteCollectionError(string module, string body)
        {
            _collectionErrors.Add(module);
            var cause = body.Split('\n').LastOrDefault(line => line.StartsWith("E ", StringComparison.Ordinal))?.TrimStart('E', ' ')
                ?? TextField.FirstLine(body);
            _problems.Add($"{path}: collection error in {module}{(cause is null ? "" : $": {cause}")}");
        }

        private static int Rank(TestOutcome outcome) => outcome switch
        {
            TestOutcome.Error => 3,
            TestOutcome.Failed => 2,
            TestOutcome.Skipped => 1,
            _ => 0,
        };
    }
}
