using System.Xml;

namespace Greenlight.Results;

public sealed partial class JUnitResultReader
{
    /// <summary>Element and attribute names atomized once, so the hot loop compares references.</summary>
    private sealed class Names(XmlNameTable table)
    {
        public XmlNameTable Table { get; } = table;
        public string TestSuites { get; } = table.Add("testsuites");
        public string TestSuite { get; } = table.Add("testsuite");
        public string TestCase { get; } = table.Add("testcase");
        public string Failure { get; } = table.Add("failure");
        public string Error { get; } = table.Add("error");
        public string Skipped { get; } = table.Add("skipped");
        public string SystemOut { get; } = table.Add("system-out");
        public string SystemErr { get; } = table.Add("system-err");
        public string Properties { get; } = table.Add("properties");
        public string Property { get; } = table.Add("property");
        public string Name { get; } = table.Add("name");
        public string ClassName { get; } = table.Add("classname");
        public string Time { get; } = table.Add("time");
        public string Message { get; } = table.Add("message");
        public string Value { get; } = table.Add("value");
        public string Errors { get; } = table.Add("errors");
        public string Failures { get; } = table.Add("failures");
    }
}
