using System.Xml;

namespace Greenlight.Analysis.Tests;

/// <summary>
/// Failures captured from real runs (Data/&lt;producer&gt;/: pytest 7.2.1, xunit v3 3.2.2 with
/// --report-junit, jest 30.5.2 with jest-junit 17; the test sources are kept beside them).
/// </summary>
internal static class RealFailures
{
    public static IReadOnlyList<FailureOccurrence> Load(string producer, string file) =>
        LoadFile(Path.Combine(AppContext.BaseDirectory, "Data", producer, file), producer);

    public static IReadOnlyList<FailureOccurrence> LoadFile(string path, string producer)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true };
        using var reader = XmlReader.Create(path, settings);
        var result = new List<FailureOccurrence>();
        string? test = null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.Name == "testcase")
            {
                test = reader.GetAttribute("name")?.Trim();
            }
            else if (reader.Name is "failure" or "error" && test is not null)
            {
                var message = reader.GetAttribute("message");
                var body = reader.IsEmptyElement ? null : reader.ReadElementContentAsString();
                result.Add(new FailureOccurrence { Suite = producer, Test = test, Runner = producer, Message = message, StackTrace = body });
            }
        }

        return result;
    }

    public static FailureOccurrence One(string producer, string file, string test) =>
        Load(producer, file).Single(f => f.Test == test);
}
