using Greenlight.Model;
using Greenlight.Reporting.Worklog;

namespace Greenlight.Reporting;

/// <summary>
/// Renders a run record as <c>worklog.md</c> (docs/cli.md): one section type per heading, in the order a
/// reader needs them: what ran and where, what the last run knew, the loop, then the evidence, then the verdict.
/// </summary>
public static class WorklogRenderer
{
    public static string Render(RunRecord run)
    {
        var md = new MarkdownWriter();
        HeaderSection.Write(md, run);
        NotesSection.Write(md, run);
        HistorySection.Write(md, run);
        LoopSection.Write(md, run);
        DeploymentSection.Write(md, run);
        InfrastructureSection.Write(md, run);
        SelectionSection.Write(md, run);
        CommandsSection.Write(md, run);
        PhasesSection.Write(md, run);
        ProofSection.Write(md, run);
        RootCausesSection.Write(md, run);
        ComparisonSection.Write(md, run);
        LogsSection.Write(md, run);
        TimelineSection.Write(md, run);
        VerdictSection.Write(md, run);
        return md.ToString();
    }

    /// <summary>The "Root causes" section alone, for a tracking issue.</summary>
    public static string RenderRootCauses(RunRecord run)
    {
        var md = new MarkdownWriter();
        RootCausesSection.Write(md, run);
        return md.ToString();
    }

    /// <summary>The comparison with the last run alone, for a tracking issue.</summary>
    public static string RenderComparison(RunRecord run)
    {
        var md = new MarkdownWriter();
        ComparisonSection.Write(md, run);
        return md.ToString();
    }

    public static string VerdictName(Verdict verdict) => verdict switch
    {
        Verdict.ConfigError => "CONFIG ERROR",
        _ => verdict.ToString().ToUpperInvariant(),
    };
}
