using System.Xml;

namespace AgentChat.FaultMatrix;

/// <summary>One test's outcome from xunit's own XML report (--report-xunit).</summary>
public sealed record TestOutcome(string Name, bool Passed, string Message);

public static class SuiteResults
{
    /// <summary>Reads &lt;test type method result&gt; elements; names become "Class.Method".</summary>
    public static IReadOnlyList<TestOutcome> Read(string path)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 50_000_000 };
        using var reader = XmlReader.Create(path, settings);
        var outcomes = new List<TestOutcome>();
        while (reader.ReadToFollowing("test"))
        {
            var type = reader.GetAttribute("type") ?? "";
            var name = $"{type[(type.LastIndexOf('.') + 1)..]}.{reader.GetAttribute("method")}";
            var passed = reader.GetAttribute("result") == "Pass";
            var message = "";
            if (!passed && reader.ReadToDescendant("message"))
            {
                message = reader.ReadElementContentAsString().Trim();
            }
            outcomes.Add(new TestOutcome(name, passed, message));
        }
        return outcomes;
    }
}
