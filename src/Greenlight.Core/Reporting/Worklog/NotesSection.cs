using Greenlight.Model;

namespace Greenlight.Reporting.Worklog;

/// <summary>What Greenlight did or ignored besides the run's own work: processes reaped from a killed run, secrets too short to mask.</summary>
internal static class NotesSection
{
    public static void Write(MarkdownWriter md, RunRecord run)
    {
        if (run.Notes.Count == 0)
        {
            return;
        }

        md.Heading(2, "Notes");
        foreach (var note in run.Notes)
        {
            md.Bullet(MarkdownWriter.Inline(note));
        }

        md.Blank();
    }
}
