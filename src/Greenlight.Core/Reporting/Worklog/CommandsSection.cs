using Greenlight.Model;

namespace Greenlight.Reporting.Worklog;

/// <summary>Every command the run ran, with duration, exit code and result.</summary>
internal static class CommandsSection
{
    public static void Write(MarkdownWriter md, RunRecord run)
    {
        md.Heading(2, "Commands");
        if (run.Commands.Count == 0)
        {
            md.Line("No commands ran.").Blank();
            return;
        }

        if (run.Iterations.Count > 1)
        {
            md.Table(["#", "iteration", "step", "for", "command", "duration", "exit", "result"], run.Commands.Select((c, i) => (IReadOnlyList<string>)
            [
                (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.Iteration.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.Kind,
                c.Subject,
                MarkdownWriter.CodeSpan(c.CommandLine),
                Format.Duration(c.DurationMs),
                c.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                MarkdownWriter.Inline(c.Summary),
            ]));
            return;
        }

        md.Table(["#", "step", "for", "command", "duration", "exit", "result"], run.Commands.Select((c, i) => (IReadOnlyList<string>)
        [
            (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            c.Kind,
            c.Subject,
            MarkdownWriter.CodeSpan(c.CommandLine),
            Format.Duration(c.DurationMs),
            c.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            MarkdownWriter.Inline(c.Summary),
        ]));
    }
}
