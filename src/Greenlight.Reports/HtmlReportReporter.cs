using Greenlight.Model;
using Greenlight.Reporting;
using Greenlight.Secrets;

namespace Greenlight.Reports;

/// <summary>
/// <c>report.html</c>: the run as one self-contained page (styles, script, SVG charts and the tests'
/// data inline, nothing fetched), rendered from Razor components. The record it is given is already
/// redacted; the traffic it reads from the run folder is masked before it is rendered, and the page
/// once more as a whole.
/// </summary>
public sealed class HtmlReportReporter(SecretRedactor redactor) : IReporter
{
    public const string FileName = "report.html";

    public string Name => FileName;

    /// <summary>Written once, for the finished run: rendering it while history is still being written would be done twice.</summary>
    public bool FinishedOnly => true;

    public async Task WriteAsync(RunRecord run, string runDirectory, CancellationToken cancellationToken)
    {
        var view = await ReportView.BuildAsync(run, runDirectory, redactor.Redact, cancellationToken);
        var html = redactor.Redact(await PageRenderer.RenderAsync<Components.ReportPage>(new Dictionary<string, object?> { ["View"] = view }));
        var path = Path.Combine(runDirectory, FileName);
        await File.WriteAllTextAsync(path + ".tmp", html, cancellationToken);
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
