using System.Xml;

namespace Greenlight.Benchmarks;

/// <summary>
/// The streaming read of docs/benchmarks.md "Reading JUnit XML": one pass that keeps, per
/// <c>testsuite</c> element, its name and counts (cases, failed, errors, skipped) and, per failing
/// case, its class, name and the first line of its message; nothing else is kept. Python's
/// <c>iterparse</c> does the same work in <c>bench/junit-read.sh</c>. The same XmlReader settings as
/// Greenlight's readers: DTDs refused, whitespace and comments skipped, names atomised.
/// </summary>
public static class JUnitStreamCounts
{
    public sealed record Suite(string Name, int Cases, int Failed, int Errors, int Skipped);

    public sealed record Failure(string ClassName, string Name, string Message);

    public static (List<Suite> Suites, List<Failure> Failures) Read(string path)
    {
        var names = new NameTable();
        var testSuite = names.Add("testsuite");
        var testCase = names.Add("testcase");
        var failure = names.Add("failure");
        var error = names.Add("error");
        var skipped = names.Add("skipped");
        var suites = new List<Suite>();
        var failures = new List<Failure>();
        using var reader = XmlReader.Create(path, Settings(names));
        string suiteName = "";
        int cases = 0, failed = 0, errors = 0, skips = 0;
        string className = "", caseName = "";
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                var name = reader.LocalName;
                if (ReferenceEquals(name, testSuite))
                {
                    suiteName = reader.GetAttribute("name") ?? "";
                    cases = failed = errors = skips = 0;
                }
                else if (ReferenceEquals(name, testCase))
                {
                    cases++;
                    className = reader.GetAttribute("classname") ?? "";
                    caseName = reader.GetAttribute("name") ?? "";
                }
                else if (ReferenceEquals(name, failure) || ReferenceEquals(name, error))
                {
                    if (ReferenceEquals(name, failure)) failed++; else errors++;
                    var message = reader.GetAttribute("message") ?? "";
                    var newline = message.IndexOf('\n', StringComparison.Ordinal);
                    failures.Add(new Failure(className, caseName, newline < 0 ? message : message[..newline]));
                }
                else if (ReferenceEquals(name, skipped))
                {
                    skips++;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && ReferenceEquals(reader.LocalName, testSuite))
            {
                suites.Add(new Suite(suiteName, cases, failed, errors, skips));
            }
        }

        return (suites, failures);
    }

    /// <summary>The tokenizer's own pass: every node read, every attribute value of every element materialised, nothing kept.</summary>
    public static long Tokenize(string path)
    {
        long total = 0;
        using var reader = XmlReader.Create(path, Settings(new NameTable()));
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.MoveToFirstAttribute())
            {
                do
                {
                    total += reader.Value.Length;
                }
                while (reader.MoveToNextAttribute());
            }
        }

        return total;
    }

    private static XmlReaderSettings Settings(XmlNameTable names) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        NameTable = names,
    };
}
