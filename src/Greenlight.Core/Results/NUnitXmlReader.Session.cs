using System.Xml;
using Greenlight.Model;

namespace Greenlight.Results;

public sealed partial class NUnitXmlReader
{
    private sealed partial class Session(string path, ResultReaderLimits limits, CancellationToken cancellationToken)
    {
        private readonly CaseCollector _collector = new(path, "nunit3");
        private readonly Stack<SuiteFrame> _suites = new();
        private int _failedCases;

        public ResultFile Read()
        {
            try
            {
                using var reader = XmlReader.Create(SafeXml.OpenRead(path), SafeXml.Settings(limits, new NameTable()));
                var problems = new List<string>();
                if (SafeXml.ExpectRoot(reader, path, "NUnit 3 XML", problems, "test-run"))
                {
                    Walk(reader);
                }

                problems.ForEach(_collector.Problem);
            }
            catch (Exception ex) when (ex is XmlException or IOException or UnauthorizedAccessException)
            {
                _collector.Problem(SafeXml.Describe(path, ex));
            }

            return _collector.ToResult();
        }

        private void Walk(XmlReader reader)
        {
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "test-suite" && _suites.Count > 0)
                {
                    Close(_suites.Pop());
                    reader.Read();
                    continue;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "test-case":
                        cancellationToken.ThrowIfCancellationRequested();
                        ReadTestCase(reader);
                        break;
                    case "test-suite":
                        Open(reader);
                        break;
                    case "failure" when _suites.TryPeek(out var suite) && reader.Depth == suite.Depth + 1:
                        suite.Message = ReadMessage(reader);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
    }
}
