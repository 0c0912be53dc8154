using System.Globalization;
using System.Xml;
using Greenlight.Model;

namespace Greenlight.Reporting;

/// <summary>
/// Greenlight's own verdict as JUnit XML (<c>run --junit FILE</c>), for any CI that renders JUnit: one
/// <c>testsuite</c> per suite, one <c>testcase</c> per test. A failure or error is one; a pass that
/// is not proven is a failure of type <c>unproven</c> with its reason codes and evidence; a skipped
/// test is skipped; a suite that did not run is a testsuite with one skipped case saying why, and a
/// suite doubted as a whole (no tests, collection error, missing tests) gets a failing case saying so.
/// </summary>
public sealed class JUnitVerdictReporter(string path) : IReporter
{
    public string Name => $"JUnit verdict ({path})";

    /// <summary>A CI verdict exists only for a finished run.</summary>
    public bool FinishedOnly => true;

    public async Task WriteAsync(RunRecord run, string runDirectory, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        await using (var stream = File.Create(temporary))
        await using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Async = true, Indent = true }))
        {
            await xml.WriteStartDocumentAsync();
            await xml.WriteStartElementAsync(null, "testsuites", null);
            await xml.WriteAttributeStringAsync(null, "name", null, $"greenlight {run.Project} {run.RunId}: {run.Verdict.ToString().ToUpperInvariant()}");
            await xml.WriteAttributeStringAsync(null, "tests", null, Count(run.Tests.Count));
            await xml.WriteAttributeStringAsync(null, "failures", null, Count(run.Tests.Count(t => t.Outcome == TestOutcome.Failed || t is { Outcome: TestOutcome.Passed, Proven: false })));
            await xml.WriteAttributeStringAsync(null, "errors", null, Count(run.Tests.Count(t => t.Outcome == TestOutcome.Error)));
            foreach (var suite in run.Suites)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await SuiteAsync(xml, suite, [.. run.Tests.Where(t => t.Suite == suite.Id)]);
            }

            await xml.WriteEndElementAsync();
            await xml.WriteEndDocumentAsync();
        }

        File.Move(temporary, full, overwrite: true);
    }

    private static async Task SuiteAsync(XmlWriter xml, SuiteRecord suite, IReadOnlyList<TestRecord> tests)
    {
        await xml.WriteStartElementAsync(null, "testsuite", null);
        await xml.WriteAttributeStringAsync(null, "name", null, suite.Id);
        await xml.WriteAttributeStringAsync(null, "tests", null, Count(Math.Max(tests.Count, 1)));
        await xml.WriteAttributeStringAsync(null, "time", null, Seconds(suite.DurationMs));
        await xml.WriteStartElementAsync(null, "properties", null);
        await PropertyAsync(xml, "priority", suite.Priority);
        await PropertyAsync(xml, "runner", suite.Runner);
        await PropertyAsync(xml, "outcome", suite.Outcome.ToString().ToLowerInvariant());
        await xml.WriteEndElementAsync();
        if (suite.Outcome == StageOutcome.NotRun)
        {
            await CaseAsync(xml, suite.Id, "(suite not run)", 0, "skipped", null, string.Join("; ", suite.Problems));
        }
        else if (suite.ProofReasons.Count > 0)
        {
            await CaseAsync(xml, suite.Id, "(suite proof)", 0, "failure", "unproven: " + string.Join(", ", suite.ProofReasons), string.Join("\n", suite.ProofEvidence));
        }

        foreach (var test in tests)
        {
            var (kind, type, text) = test switch
            {
                { Outcome: TestOutcome.Failed } => ("failure", (string?)"failed", test.Message ?? ""),
                { Outcome: TestOutcome.Error } => ("error", "error", test.Message ?? ""),
                { Outcome: TestOutcome.Skipped } => ("skipped", null, test.Message ?? ""),
                { Proven: false } => ("failure", "unproven: " + string.Join(", ", test.Reasons), string.Join("\n", test.Evidence)),
                _ => ((string?)null, (string?)null, ""),
            };
            await CaseAsync(xml, suite.Id, test.Name, test.DurationMs, kind, type, text, test.ProofLevel);
        }

        await xml.WriteEndElementAsync();
    }

    private static async Task CaseAsync(XmlWriter xml, string suite, string name, double durationMs, string? kind, string? type, string text, string? proofLevel = null)
    {
        await xml.WriteStartElementAsync(null, "testcase", null);
        await xml.WriteAttributeStringAsync(null, "classname", null, suite);
        await xml.WriteAttributeStringAsync(null, "name", null, name);
        await xml.WriteAttributeStringAsync(null, "time", null, Seconds(durationMs));
        if (proofLevel is not null)
        {
            await xml.WriteStartElementAsync(null, "properties", null);
            await PropertyAsync(xml, "proof_level", proofLevel);
            await xml.WriteEndElementAsync();
        }

        if (kind is not null)
        {
            await xml.WriteStartElementAsync(null, kind, null);
            var message = (type is null ? text : type.StartsWith("unproven", StringComparison.Ordinal) ? type : text).Split('\n', 2)[0];
            await xml.WriteAttributeStringAsync(null, "message", null, Clean(message));
            if (type is not null)
            {
                await xml.WriteAttributeStringAsync(null, "type", null, type.Split(':', 2)[0]);
            }

            if (text.Length > 0)
            {
                await xml.WriteStringAsync(Clean(text));
            }

            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
    }

    private static async Task PropertyAsync(XmlWriter xml, string name, string? value)
    {
        await xml.WriteStartElementAsync(null, "property", null);
        await xml.WriteAttributeStringAsync(null, "name", null, name);
        await xml.WriteAttributeStringAsync(null, "value", null, value ?? "");
        await xml.WriteEndElementAsync();
    }

    // XML 1.0 cannot carry most control characters; a test's message may.
    private static string Clean(string text) => new([.. text.Where(c => c is '\n' or '\t' or '\r' || !char.IsControl(c))]);

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double ms) => (ms / 1000).ToString("0.###", CultureInfo.InvariantCulture);
}
