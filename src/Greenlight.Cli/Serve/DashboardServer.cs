using System.Net;
using System.Text;
using Greenlight.Config;
using Greenlight.Reports;
using Greenlight.Reports.Components;
using Greenlight.Runs;
using Greenlight.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Greenlight.Cli.Serve;

/// <summary>
/// <c>greenlight serve</c>: the dashboard over the history store. <c>/</c> lists the runs with their
/// trends, flaky tests and open clusters; <c>/runs/ID/report.html</c> is a run's report;
/// <c>/runs/ID/live</c> follows a run in progress through <c>/runs/ID/events</c>, server-sent events
/// that replay and then tail the run's trail.jsonl until its run.json is written.
/// </summary>
internal static class DashboardServer
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public static WebApplication Build(GreenlightConfig config, SecretRedactor redactor, IPAddress address, int port, int runs, TimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port));
        var app = builder.Build();
        app.MapGet("/", async (CancellationToken cancellationToken) =>
        {
            var view = await DashboardData.LoadAsync(config, runs, cancellationToken);
            return Html(redactor.Redact(await PageRenderer.RenderAsync<DashboardPage>(new Dictionary<string, object?> { ["View"] = view })));
        });
        app.MapGet("/runs/{id}/report.html", (string id) =>
            DashboardData.Folder(config, id) is { } folder && File.Exists(Path.Combine(folder, HtmlReportReporter.FileName))
                ? Microsoft.AspNetCore.Http.Results.File(Path.Combine(folder, HtmlReportReporter.FileName), "text/html; charset=utf-8")
                : Microsoft.AspNetCore.Http.Results.NotFound($"run {id} has no report.html"));
        app.MapGet("/runs/{id}/live", async (string id) =>
            DashboardData.Folder(config, id) is null
                ? Microsoft.AspNetCore.Http.Results.NotFound($"no run {id}")
                : Html(await PageRenderer.RenderAsync<LivePage>(new Dictionary<string, object?> { ["RunId"] = id })));
        app.MapGet("/runs/{id}/events", async (string id, HttpContext context) =>
        {
            if (DashboardData.Folder(config, id) is not { } folder)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await StreamTrailAsync(folder, context, redactor, time);
        });
        return app;
    }

    private static IResult Html(string html) => Microsoft.AspNetCore.Http.Results.Content(html, "text/html; charset=utf-8");

    /// <summary>Every line of the trail as an SSE message, then new ones as the run appends them; "done" once run.json exists and the trail is read to its end.</summary>
    private static async Task StreamTrailAsync(string folder, HttpContext context, SecretRedactor redactor, TimeProvider time)
    {
        var cancellationToken = context.RequestAborted;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var trail = Path.Combine(folder, "trail.jsonl");
        long offset = 0;
        var pending = "";
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var finished = File.Exists(Path.Combine(folder, RunFolder.RunJson));
                if (File.Exists(trail))
                {
                    await using var stream = new FileStream(trail, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                    stream.Seek(offset, SeekOrigin.Begin);
                    using var reader = new StreamReader(stream, Encoding.UTF8);
                    var text = pending + await reader.ReadToEndAsync(cancellationToken);
                    offset = stream.Position;
                    var end = text.LastIndexOf('\n');
                    pending = end < 0 ? text : text[(end + 1)..];
                    foreach (var line in end < 0 ? [] : text[..end].Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    {
                        await context.Response.WriteAsync($"data: {redactor.Redact(line.TrimEnd('\r'))}\n\n", cancellationToken);
                    }

                    await context.Response.Body.FlushAsync(cancellationToken);
                }

                if (finished)
                {
                    // A day-long retry: the browser does not reconnect to a finished run, and ends nothing itself.
                    await context.Response.WriteAsync("retry: 86400000\nevent: done\ndata: {}\n\n", cancellationToken);
                    await context.Response.Body.FlushAsync(cancellationToken);
                    return;
                }

                await Task.Delay(Poll, time, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }
}
