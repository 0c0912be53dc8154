using System.Xml;
using Greenlight.Model;

namespace Greenlight.Results;

public sealed partial class JUnitResultReader
{
    /// <summary>State of one read: the cases so far, the open suites, and what went wrong.</summary>
    private sealed partial class Session(string path, ResultReaderLimits limits, CancellationToken cancellationToken)
    {
        private readonly List<TestCaseResult> _cases = [];
        private readonly List<string> _problems = [];
        private readonly List<string> _collectionErrors = [];
        private readonly Stack<SuiteFrame> _suites = new();
        private readonly Names _names = new(new NameTable());
        private string _lastClassName = "";
        private int _failureElements;

        public ResultFile Read()
        {
            try
            {
                using var reader = XmlReader.Create(SafeXml.OpenRead(path), SafeXml.Settings(limits, _names.Table));
                Walk(reader);
            }
            catch (Exception ex) when (ex is XmlException or IOException or UnauthorizedAccessException)
            {
                _problems.Add(SafeXml.Describe(path, ex));
            }

            return new ResultFile(path, "junit", _cases, _problems) { CollectionErrors = _collectionErrors };
        }

        private void Walk(XmlReader reader)
        {
            if (!SafeXml.ExpectRoot(reader, path, "JUnit XML", _problems, "testsuites", "testsuite"))
            {
                return;
            }

            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    var name = reader.LocalName;
                    if (ReferenceEquals(name, _names.TestCase))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        ReadTestCase(reader);
                        continue;
                    }

                    if (ReferenceEquals(name, _names.TestSuite) || ReferenceEquals(name, _names.TestSuites))
                    {
                        OpenSuite(reader);
                        continue;
                    }

                    if (_suites.Count > 0 && (ReferenceEquals(name, _names.SystemOut) || ReferenceEquals(name, _names.SystemErr)))
                    {
                        var frame = _suites.Peek();
                        frame.Output = TextField.Join(frame.Output, reader.ReadElementContentAsString());
                        continue;
                    }

                    reader.Skip();
                    continue;
                }

                if (reader.NodeType == XmlNodeType.EndElement && _suites.Count > 0
                    && (ReferenceEquals(reader.LocalName, _names.TestSuite) || ReferenceEquals(reader.LocalName, _names.TestSuites)))
                {
                    CloseSuite(_suites.Pop());
                }

                reader.Read();
            }
        }

        private void OpenSuite(XmlReader reader)
        {
            var frame = new SuiteFrame(
                SafeXml.Attribute(reader, _names.Name),
                _cases.Count,
                _failureElements,
                CountAttribute(reader, _names.Errors) + CountAttribute(reader, _names.Failures));
            if (reader.IsEmptyElement)
            {
                CloseSuite(frame);
            }
            else
            {
                _suites.Push(frame);
            }

            reader.Read();
        }

        private void CloseSuite(SuiteFrame frame)
        {
            // gotestsum records a build error, and xunit v3 a fixture cleanup error, only in these counters.
            var carried = _failureElements - frame.FirstFailureElement;
            if (frame.DeclaredFailures > carried)
            {
                if (!frame.ChildReported)
                {
                    _problems.Add($"{path}: {(frame.Name is { Length: > 0 } n ? $"suite '{n}'" : "the report")} declares " +
                        $"{frame.DeclaredFailures} failure(s) or error(s) but its test cases carry {carried} " +
                        $"(of {_cases.Count - frame.FirstCase} case(s)): e.g. a build or cleanup error outside any test");
                }

                if (_suites.TryPeek(out var parent))
                {
                    parent.ChildReported = true;
                }
            }

            if (string.IsNullOrEmpty(frame.Output))
            {
                return;
            }

            // Suite-level output belongs to every case of the suite: a mock marker printed there must not be missed.
            var output = TextField.Bound(frame.Output, limits);
            for (var i = frame.FirstCase; i < _cases.Count; i++)
            {
                _cases[i] = _cases[i] with { Output = TextField.Join(_cases[i].Output, output) };
            }
        }

        private static int CountAttribute(XmlReader reader, string name) =>
            int.TryParse(SafeXml.Attribute(reader, name), System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : 0;

        private sealed class SuiteFrame(string? name, int firstCase, int firstFailureElement, int declaredFailures)
        {
            public string? Name { get; } = name;
            public int FirstCase { get; } = firstCase;
            public int FirstFailureElement { get; } = firstFailureElement;
            public int DeclaredFailures { get; } = declaredFailures;
            public string? Output { get; set; }
            public bool ChildReported { get; set; }
        }
    }
}
