using System.Diagnostics;
using System.Text.Json;

namespace Greenlight.Cli.Tests;

public sealed class CliSignalTests
{
    [Fact]
    public async Task Run_SigtermDuringSuite_InterruptedRecordAndNoServiceLeft()
    {
        var project = CliProcess.CopyProject("slow-project");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMinutes(2));
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "greenlight.dll"));
        start.ArgumentList.Add("run");
        using var cli = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        cli.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        cli.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        cli.BeginOutputReadLine();
        cli.BeginErrorReadLine();
        try
        {
            // The suite folder appears when the suite starts, after deploy and probes succeeded.
            while (!Directory.Exists(Path.Combine(project, ".greenlight", "runs")) ||
                   !Directory.EnumerateDirectories(Path.Combine(project, ".greenlight", "runs"), "slow-suite", SearchOption.AllDirectories).Any())
            {
                Assert.False(cli.HasExited, $"the CLI exited early: {output}");
                await Task.Delay(100, cts.Token);
            }

            using (var kill = Process.Start("kill", ["-TERM", cli.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(cts.Token);
            }

            await cli.WaitForExitAsync(cts.Token);

            Assert.True(cli.ExitCode == 3, $"exit {cli.ExitCode}: {output}");
            var runDirectory = CliProcess.RunDirectory(project);
            using var run = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(runDirectory, "run.json"), cts.Token));
            Assert.True(run.RootElement.GetProperty("interrupted").GetBoolean());
            Assert.Equal("UNPROVEN", run.RootElement.GetProperty("verdict").GetString());
            Assert.Contains("**Interrupted:**", await File.ReadAllTextAsync(Path.Combine(runDirectory, "worklog.md"), cts.Token), StringComparison.Ordinal);
            Assert.Empty(CliProcess.ProcessesIn(project));
        }
        finally
        {
            if (!cli.HasExited)
            {
                cli.Kill(entireProcessTree: true);
            }

            Directory.Delete(project, recursive: true);
        }
    }

}
