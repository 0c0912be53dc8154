using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Greenlight.Cli.Tests;

/// <summary>Greenlight itself killed mid-run, or quit at once: the run folder and history still say what happened.</summary>
public sealed class CliCrashTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly Dictionary<string, string> Hold = new() { ["GREENLIGHT_TEST_HOLD"] = "120" };

    [Fact]
    public async Task Run_AfterGreenlightKilledWithSigkill_ReapsSaysSoCompletesTheFolderAndReportWorks()
    {
        var project = CliProcess.CopyProject("hold-project");
        try
        {
            string firstId;
            int apiGroup;
            using (var first = Cli.Start(project, Hold, "run"))
            {
                await first.WaitForAsync(() => SuiteStarted(project));
                firstId = Path.GetFileName(CliProcess.RunDirectory(project));
                apiGroup = PidOfService(project);
                first.Process.Kill(); // SIGKILL: no handler runs, nothing is stopped or written
                await first.Process.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            var firstFolder = Path.Combine(project, ".greenlight", "runs", firstId);
            Assert.False(File.Exists(Path.Combine(firstFolder, "run.json")));
            Assert.True(IsAlive(apiGroup), "the killed run's service should still run before the next run");
            // Before any next run, report already tells what the killed run had reached, from its trail, and writes nothing.
            var early = await CliProcess.RunAsync(project, Timeout, "report", firstId);
            Assert.True(early.ExitCode == 0, early.All);
            Assert.Contains("not completed yet: the next run writes its run.json", early.Stdout, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(firstFolder, "run.json")));

            var second = await CliProcess.RunAsync(project, Timeout, "run");

            Assert.True(second.ExitCode == 3, second.All); // its suite writes no JUnit file: UNPROVEN, as in every run of this project
            Assert.Contains($"run {firstId} was aborted (its Greenlight process ", second.All, StringComparison.Ordinal);
            Assert.Contains($"(api) left by run {firstId} (killed after ", second.All, StringComparison.Ordinal);
            Assert.False(IsAlive(apiGroup), $"process group {apiGroup} of the killed run still runs");
            var secondFolder = Directory.GetDirectories(Path.Combine(project, ".greenlight", "runs")).Single(d => Path.GetFileName(d) != firstId);
            var secondWorklog = await File.ReadAllTextAsync(Path.Combine(secondFolder, "worklog.md"), TestContext.Current.CancellationToken);
            Assert.Contains($"left by run {firstId} (killed after ", secondWorklog, StringComparison.Ordinal);
            Assert.Contains($"run {firstId} was aborted", secondWorklog, StringComparison.Ordinal);

            // The killed run's folder is complete: an aborted run.json and worklog with what it had reached.
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(firstFolder, "run.json"), TestContext.Current.CancellationToken));
            var root = json.RootElement;
            Assert.True(root.GetProperty("aborted").GetBoolean());
            Assert.Equal("aborted", root.GetProperty("stop_reason").GetString());
            Assert.Equal("UNPROVEN", root.GetProperty("verdict").GetString());
            Assert.True(root.GetProperty("history").GetProperty("saved").GetBoolean());
            var api = root.GetProperty("services").EnumerateArray().Single();
            Assert.Equal("api", api.GetProperty("name").GetString());
            Assert.True(api.GetProperty("deployed").GetBoolean());
            Assert.Equal(["aborted while this suite ran"], root.GetProperty("suites")[0].GetProperty("problems").EnumerateArray().Select(p => p.GetString()));

            var report = await CliProcess.RunAsync(project, Timeout, "report", firstId);
            Assert.True(report.ExitCode == 0, report.All);
            Assert.Contains($"run {firstId}", report.Stdout, StringComparison.Ordinal);
            Assert.Contains("**Aborted:** its Greenlight process ", report.Stdout, StringComparison.Ordinal);

            var history = await CliProcess.RunAsync(project, Timeout, "history");
            Assert.True(history.ExitCode == 0, history.All);
            var row = history.Stdout.Split('\n').Single(l => l.Contains(firstId, StringComparison.Ordinal));
            Assert.Contains("ABORTED", row, StringComparison.Ordinal);
        }
        finally
        {
            // The killed run's suite (sleep) is not a registered service, so nothing reaps it: the test does.
            KillProcessesIn(project);
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task Run_SecondSigintWhileStopping_MinimalRunJsonAndWorklogExit130NoServiceLeft()
    {
        var project = CliProcess.CopyProject("hold-project");
        try
        {
            using var cli = Cli.Start(project, Hold, "run");
            await cli.WaitForAsync(() => SuiteStarted(project));
            await SignalAsync("-INT", cli.Process.Id);
            // The service ignores SIGTERM, so stopping it takes the whole grace period: the second Ctrl+C lands in it.
            await cli.WaitForAsync(() => cli.Output.Contains("[stop] stopping services", StringComparison.Ordinal));
            await SignalAsync("-INT", cli.Process.Id);
            await cli.Process.WaitForExitAsync(TestContext.Current.CancellationToken);

            Assert.True(cli.Process.ExitCode == 130, $"exit {cli.Process.ExitCode}: {cli.Output}");
            var folder = CliProcess.RunDirectory(project);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "run.json"), TestContext.Current.CancellationToken));
            var root = json.RootElement;
            Assert.True(root.GetProperty("interrupted").GetBoolean());
            Assert.True(root.GetProperty("aborted").GetBoolean());
            Assert.Equal("interrupted", root.GetProperty("stop_reason").GetString());
            Assert.StartsWith("quit at once on a second Ctrl+C", root.GetProperty("stop_detail").GetString(), StringComparison.Ordinal);
            Assert.True(root.GetProperty("services")[0].GetProperty("deployed").GetBoolean());
            var worklog = await File.ReadAllTextAsync(Path.Combine(folder, "worklog.md"), TestContext.Current.CancellationToken);
            Assert.Contains("**Aborted:** quit at once on a second Ctrl+C", worklog, StringComparison.Ordinal);
            Assert.Empty(CliProcess.ProcessesIn(project));
        }
        finally
        {
            KillProcessesIn(project);
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task DeployOnly_SecondSigintWhileStopping_Exit130NoServiceLeft()
    {
        var project = CliProcess.CopyProject("hold-project");
        try
        {
            using var cli = Cli.Start(project, Hold, "run", "--deploy-only");
            await cli.WaitForAsync(() => cli.Output.Contains("run id: ", StringComparison.Ordinal));
            await SignalAsync("-INT", cli.Process.Id);
            // The service ignores SIGTERM, so stopping it takes the whole grace period: the second Ctrl+C lands in it.
            await cli.WaitForAsync(() => cli.Output.Contains("[stop] stopping services", StringComparison.Ordinal));
            await SignalAsync("-INT", cli.Process.Id);
            await cli.Process.WaitForExitAsync(TestContext.Current.CancellationToken);

            Assert.True(cli.Process.ExitCode == 130, $"exit {cli.Process.ExitCode}: {cli.Output}");
            Assert.Contains("interrupted: stopping the services", cli.Output, StringComparison.Ordinal);
            Assert.Empty(CliProcess.ProcessesIn(project));
            // Its deploy folder says what happened, as a whole run's folder does.
            var deployRecord = Directory.GetFiles(Path.Combine(project, ".greenlight", "runs"), "run.json", SearchOption.AllDirectories).Single();
            Assert.Equal("deploy", Path.GetFileName(Path.GetDirectoryName(deployRecord)));
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(deployRecord, TestContext.Current.CancellationToken));
            Assert.True(json.RootElement.GetProperty("aborted").GetBoolean());
            Assert.StartsWith("quit at once on a second Ctrl+C", json.RootElement.GetProperty("stop_detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            KillProcessesIn(project);
            Directory.Delete(project, recursive: true);
        }
    }

    private static bool SuiteStarted(string project)
    {
        var runs = Path.Combine(project, ".greenlight", "runs");
        return Directory.Exists(runs) && Directory.EnumerateDirectories(runs, "hold-suite", SearchOption.AllDirectories).Any();
    }

    private static int PidOfService(string project)
    {
        var file = Directory.GetFiles(Path.Combine(project, ".greenlight", "pids"), "api.pid", SearchOption.AllDirectories).Single();
        return int.Parse(File.ReadAllLines(file).Single(l => l.StartsWith("pid=", StringComparison.Ordinal))[4..], CultureInfo.InvariantCulture);
    }

    /// <summary>True while the process runs (a zombie waiting for its parent does not count).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task SignalAsync(string signal, int pid)
    {
        using var kill = Process.Start("kill", [signal, pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    private static void KillProcessesIn(string folder)
    {
        foreach (var pid in CliProcess.ProcessesIn(folder))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }

    /// <summary>The CLI as a child process whose pid the test signals, with its output collected.</summary>
    private sealed class Cli : IDisposable
    {
        private readonly StringBuilder _output = new();

        private Cli(Process process) => Process = process;

        public Process Process { get; }

        public string Output { get { lock (_output) { return _output.ToString(); } } }

        public static Cli Start(string project, IReadOnlyDictionary<string, string> environment, params string[] args)
        {
            var cli = new Cli(Process.Start(CliProcess.StartInfo(project, environment, args))!);
            cli.Process.OutputDataReceived += (_, e) => { lock (cli._output) cli._output.AppendLine(e.Data); };
            cli.Process.ErrorDataReceived += (_, e) => { lock (cli._output) cli._output.AppendLine(e.Data); };
            cli.Process.BeginOutputReadLine();
            cli.Process.BeginErrorReadLine();
            return cli;
        }

        /// <summary>Until <paramref name="condition"/> holds; fails if the CLI ends first or two minutes pass.</summary>
        public async Task WaitForAsync(Func<bool> condition)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            cts.CancelAfter(TimeSpan.FromMinutes(2));
            while (!condition())
            {
                Assert.False(Process.HasExited, $"the CLI exited early: {Output}");
                await Task.Delay(100, cts.Token);
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }
    }
}
