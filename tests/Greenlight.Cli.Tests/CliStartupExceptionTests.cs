using System.Text.Json;

namespace Greenlight.Cli.Tests;

/// <summary>
/// A real process that crashes at start the way an ASP.NET Core app with a bad SQLite connection string does:
/// the root cause quotes the unhandled exception's message first, never a stack frame or the bare <c>fail:</c> header.
/// </summary>
public sealed class CliStartupExceptionTests
{
    private const string Exception = "Microsoft.Data.Sqlite.SqliteException (0x80004005): SQLite Error 14: 'unable to open database file'.";

    [Fact]
    public async Task Run_ServiceCrashesWithMultiLineException_RootCauseQuotesTheExceptionMessageFirst()
    {
        var project = CliProcess.CopyProject("dotnet-crash-project");
        try
        {
            var result = await CliProcess.RunAsync(project, TimeSpan.FromMinutes(3), "run");

            Assert.True(result.ExitCode == 4, result.All);
            Assert.Contains("[analyse] root causes: Microsoft.Data.Sqlite.SqliteException (<hex>): SQLite Error <n>: 'unable to open database file'.", result.Stdout, StringComparison.Ordinal);
            var folder = CliProcess.RunDirectory(project);
            var run = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "run.json"), TestContext.Current.CancellationToken)).RootElement;
            var cluster = Assert.Single(run.GetProperty("clusters").EnumerateArray());
            Assert.StartsWith(Exception, cluster.GetProperty("messages")[0].GetString(), StringComparison.Ordinal);
            var top = cluster.GetProperty("evidence")[0];
            Assert.Equal("fatal", top.GetProperty("level").GetString());
            Assert.Equal("Unhandled exception. " + Exception, top.GetProperty("text").GetString());
            Assert.Equal(
                "fail: Microsoft.EntityFrameworkCore.Database.Connection[20004] An error occurred using the connection to database 'main' on server '/nonexistent/app.db'.",
                cluster.GetProperty("evidence")[1].GetProperty("text").GetString());
            Assert.DoesNotContain(cluster.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("text").GetString()!.StartsWith("at ", StringComparison.Ordinal));

            var worklog = await File.ReadAllTextAsync(Path.Combine(folder, "worklog.md"), TestContext.Current.CancellationToken);
            var entry = worklog[worklog.IndexOf("### 1. ", StringComparison.Ordinal)..];
            var quoted = entry.Split('\n').Where(l => l.StartsWith("  - `", StringComparison.Ordinal)).ToList();
            Assert.StartsWith("  - `" + Exception, quoted[0], StringComparison.Ordinal);
            Assert.Contains("  - api ", entry, StringComparison.Ordinal);
            Assert.Contains("`Unhandled exception. " + Exception + "`", entry.Split("- **Server log**")[1].Split('\n')[1], StringComparison.Ordinal);

            // The evidence bundle of the BLOCKED iteration carries the same exception.
            var bundle = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "iterations", "1", "bundle.json"), TestContext.Current.CancellationToken)).RootElement;
            Assert.Contains("Unhandled exception. " + Exception, bundle.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }
}
