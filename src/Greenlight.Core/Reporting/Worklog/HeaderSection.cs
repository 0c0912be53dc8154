using Greenlight.Model;

namespace Greenlight.Reporting.Worklog;

/// <summary>The title and the run at a glance: times, focus, config, verdict.</summary>
internal static class HeaderSection
{
    public static void Write(MarkdownWriter md, RunRecord run)
    {
        md.Heading(1, $"Greenlight worklog: {run.Project}, run {run.RunId}");
        md.Bullet($"**Started:** {Format.Time(run.StartedAt)}");
        if (run.EndedAt is { } ended)
        {
            md.Bullet($"**Ended:** {Format.Time(ended)} ({Format.Duration(run.Timings.TotalMs)})");
        }

        md.Bullet($"**Focus:** {MarkdownWriter.CodeSpan(run.Focus)}: {MarkdownWriter.Inline(run.FocusRationale)}");
        md.Bullet($"**Config:** {MarkdownWriter.CodeSpan(run.ConfigPath)}; fail-fast {(run.FailFast ? "on" : "off")}");
        if (run.Aborted)
        {
            md.Bullet($"**Aborted:** {MarkdownWriter.Inline(run.StopDetail ?? "its Greenlight process ended before the run finished")}; this record was completed from what the run left on disk");
        }
        else if (run.Interrupted)
        {
            md.Bullet("**Interrupted:** the run was stopped (Ctrl+C or SIGTERM) before it finished; services were stopped");
        }

        md.Bullet($"**Verdict:** **{WorklogRenderer.VerdictName(run.Verdict)}** (exit {run.ExitCode})");
    }
}
