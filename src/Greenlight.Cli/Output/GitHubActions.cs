using System.Text;
using Greenlight.Model;
using Greenlight.Secrets;

namespace Greenlight.Cli.Output;

/// <summary>
/// When <c>GITHUB_ACTIONS=true</c>: the verdict as markdown appended to <c>$GITHUB_STEP_SUMMARY</c>, and
/// one <c>::error</c> annotation per failed test and one <c>::warning</c> per doubted pass or doubted
/// suite. Written once, after the run; every text goes through the redactor.
/// </summary>
internal static class GitHubActions
{
    private const int MaxAnnotations = 50;

    public static bool Enabled => Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true";

    public static void Write(RunRecord run, string runDirectory, SecretRedactor redactor, TextWriter annotations)
    {
        if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
        {
            File.AppendAllText(summary, redactor.Redact(Summary(run, runDirectory)));
        }

        var lines = new List<string>();
        foreach (var test in run.Tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error))
        {
            lines.Add($"::error title={Property($"{test.Suite}: {test.Name}")}::{Data($"{test.Outcome.ToString().ToLowerInvariant()}: {test.Message ?? "(no message)"}")}");
        }

        foreach (var test in run.Tests.Where(Doubted))
        {
            lines.Add($"::warning title={Property($"{test.Suite}: {test.Name} unproven")}::{Data($"passed but unproven ({string.Join(", ", test.Reasons)}): {string.Join(" | ", test.Evidence)}")}");
        }

        foreach (var suite in run.Suites.Where(s => s.ProofReasons.Count > 0))
        {
            lines.Add($"::warning title={Property($"{suite.Id}: suite unproven")}::{Data(string.Join(" | ", suite.ProofEvidence))}");
        }

        foreach (var line in lines.Take(MaxAnnotations))
        {
            annotations.WriteLine(redactor.Redact(line));
        }

        if (lines.Count > MaxAnnotations)
        {
            annotations.WriteLine($"::notice title=greenlight::{lines.Count - MaxAnnotations} more failures and doubts are in the worklog");
        }
    }

    /// <summary>The step summary: verdict and why, counts per suite, the failures and doubts, where the worklog is.</summary>
    public static string Summary(RunRecord run, string runDirectory)
    {
        var md = new StringBuilder();
        var verdict = run.Verdict.ToString().ToUpperInvariant();
        md.AppendLine($"## Greenlight: {(run.Verdict == Verdict.Green ? "✅" : "❌")} {verdict} (exit {run.ExitCode})").AppendLine();
        foreach (var reason in run.Reasons)
        {
            md.AppendLine($"- {Cell(reason)}");
        }

        md.AppendLine().AppendLine("| suite | outcome | passed | failed | unproven | skipped |").AppendLine("|---|---|---|---|---|---|");
        foreach (var suite in run.Suites)
        {
            var unproven = run.Tests.Count(t => t.Suite == suite.Id && Doubted(t));
            var outcome = suite.Outcome == StageOutcome.Passed && (unproven > 0 || suite.ProofReasons.Count > 0) ? "unproven"
                : suite.Outcome == StageOutcome.NotRun ? "not run" : suite.Outcome.ToString().ToLowerInvariant();
            md.AppendLine($"| {Cell(suite.Id)} | {outcome} | {suite.Passed} | {suite.Failed + suite.Errors} | {unproven} | {suite.Skipped} |");
        }

        var failing = run.Tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error || Doubted(t)).Take(MaxAnnotations).ToList();
        if (failing.Count > 0)
        {
            md.AppendLine().AppendLine("| test | result | why |").AppendLine("|---|---|---|");
            foreach (var test in failing)
            {
                var why = test.Outcome == TestOutcome.Passed ? "unproven: " + string.Join(", ", test.Reasons) : (test.Message ?? "").Split('\n', 2)[0];
                md.AppendLine($"| {Cell(test.Suite + ": " + test.Name)} | {(test.Outcome == TestOutcome.Passed ? "❓ unproven" : "❌ " + test.Outcome.ToString().ToLowerInvariant())} | {Cell(why)} |");
            }
        }

        if (run.NextAction.Length > 0)
        {
            md.AppendLine().AppendLine($"**Next:** {Cell(run.NextAction)}");
        }

        return md.AppendLine().AppendLine($"Worklog: `{Path.Combine(runDirectory, "worklog.md")}`").AppendLine().ToString();
    }

    private static bool Doubted(TestRecord test) => test is { Outcome: TestOutcome.Passed, Proven: false };

    private static string Cell(string text)
    {
        var line = text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    // Workflow command escaping: data escapes %, CR and LF; properties also ':' and ','.
    private static string Data(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string text) =>
        Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
