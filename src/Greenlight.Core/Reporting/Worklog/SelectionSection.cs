using Greenlight.Model;

namespace Greenlight.Reporting.Worklog;

/// <summary>Why these suites ran, and each suite's phase, runner, impact and pass criterion.</summary>
internal static class SelectionSection
{
    public static void Write(MarkdownWriter md, RunRecord run)
    {
        md.Heading(2, "Selection");
        md.Line(MarkdownWriter.Inline(Capitalise(run.FocusRationale)) + ".").Blank();
        if (run.Suites.Count == 0)
        {
            md.Line("No suites selected.").Blank();
            return;
        }

        md.Table(["phase", "suite", "category", "runner", "impact", "pass criterion"], run.Suites.Select(s => (IReadOnlyList<string>)
        [
            s.Priority, s.Id, MarkdownWriter.Inline(s.Category ?? ""), s.Runner, MarkdownWriter.Inline(s.Impact ?? ""), Format.Criterion(s.MaxFailureRate),
        ]));
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
