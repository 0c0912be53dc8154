using System.Xml;

namespace Greenlight.Results;

public sealed partial class NUnitXmlReader
{
    private sealed partial class Session
    {
        private void Open(XmlReader reader)
        {
            var at = reader is IXmlLineInfo info ? $"{info.LineNumber}:{info.LinePosition}" : "0:0";
            var frame = new SuiteFrame(reader.GetAttribute("fullname") ?? reader.GetAttribute("name") ?? "", reader.GetAttribute("result"),
                reader.GetAttribute("site"), reader.Depth, _collector.Count, _failedCases, at);
            if (reader.IsEmptyElement)
            {
                Close(frame);
            }
            else
            {
                _suites.Push(frame);
            }

            reader.Read();
        }

        /// <summary>A suite that failed while none of its cases did failed outside any test; said once, at the innermost suite.</summary>
        private void Close(SuiteFrame frame)
        {
            if (frame.Result != "Failed" || _failedCases > frame.FailedCasesBefore)
            {
                return;
            }

            if (!frame.ChildReported)
            {
                _collector.Problem($"{path}:{frame.At}: suite '{frame.FullName}' failed{(frame.Site is { } site ? $" in {site}" : "")}" +
                    $"{(frame.Message is { } message ? $" (\"{message}\")" : "")} but none of its {_collector.Count - frame.FirstCase} " +
                    "test case(s) did: an error outside any test");
            }

            if (_suites.TryPeek(out var parent))
            {
                parent.ChildReported = true;
            }
        }

        private sealed class SuiteFrame(string fullName, string? result, string? site, int depth, int firstCase, int failedCasesBefore, string at)
        {
            public string FullName { get; } = fullName;
            public string? Result { get; } = result;
            public string? Site { get; } = site;
            public int Depth { get; } = depth;
            public int FirstCase { get; } = firstCase;
            public int FailedCasesBefore { get; } = failedCasesBefore;
            public string At { get; } = at;
            public string? Message { get; set; }
            public bool ChildReported { get; set; }
        }
    }
}
