using Greenlight.Processes;
using Greenlight.Secrets;
using static Greenlight.Exec.Tests.TestSupport;

namespace Greenlight.Exec.Tests.Processes;

public sealed class ChildProcessTests
{
    private readonly ChildProcess _child = new(new SecretRedactor(), TimeProvider.System);
    private readonly string _dir = TempDirectory();

    [Fact]
    public async Task RunAsync_CommandWritesBothStreams_ExitCodeAndEveryLineLogged()
    {
        var log = Path.Combine(_dir, "out.log");
        var lines = new List<string>();
        var spec = ProcessSpec.Shell("echo to-out; echo to-err >&2; exit 3") with { LogPath = log, OnLine = l => { lock (lines) { lines.Add(l); } } };

        var result = await _child.RunAsync(spec, Timeout());

        Assert.Equal(3, result.ExitCode);
        Assert.False(result.TimedOut);
        Assert.False(result.Cancelled);
        var logged = await File.ReadAllLinesAsync(log, Timeout());
        Assert.Contains("to-out", logged);
        Assert.Contains("to-err", logged);
        Assert.Equal(2, lines.Count);
    }

    [Fact]
    public async Task RunAsync_Timeout_TimedOutAndGrandchildKilled()
    {
        var pidFile = Path.Combine(_dir, "grandchild.pid");
        var spec = ProcessSpec.Shell($"sleep 300 & echo $! > {pidFile}; wait") with { Timeout = TimeSpan.FromSeconds(1) };

        var result = await _child.RunAsync(spec, Timeout());

        Assert.True(result.TimedOut);
        Assert.False(result.Cancelled);
        Assert.True(IsGone(await ReadPidFileAsync(pidFile, Timeout())));
    }

    [Fact]
    public async Task RunAsync_Cancelled_CancelledNotTimedOutAndGrandchildKilled()
    {
        var pidFile = Path.Combine(_dir, "grandchild.pid");
        var spec = ProcessSpec.Shell($"sleep 300 & echo $! > {pidFile}; wait") with { Timeout = TimeSpan.FromMinutes(5) };
        using var cancel = new CancellationTokenSource();

        var run = _child.RunAsync(spec, cancel.Token);
        var grandchild = await ReadPidFileAsync(pidFile, Timeout());
        await cancel.CancelAsync();
        var result = await run.WaitAsync(Timeout());

        Assert.True(result.Cancelled);
        Assert.False(result.TimedOut);
        Assert.True(IsGone(grandchild));
    }

    [Fact]
    public async Task RunAsync_ParentExitsLeavingBackgroundChild_BackgroundChildKilled()
    {
        var pidFile = Path.Combine(_dir, "orphan.pid");
        var result = await _child.RunAsync(ProcessSpec.Shell($"sleep 300 & echo $! > {pidFile}"), Timeout());

        Assert.Equal(0, result.ExitCode);
        Assert.True(IsGone(await ReadPidFileAsync(pidFile, Timeout())));
    }

    [Fact]
    public async Task Start_Dispose_WholeTreeKilled()
    {
        var pidFile = Path.Combine(_dir, "grandchild.pid");
        var start = _child.Start(ProcessSpec.Shell($"sleep 300 & echo $! > {pidFile}; wait"));
        Assert.NotNull(start.Process);
        var grandchild = await ReadPidFileAsync(pidFile, Timeout());

        await start.Process.DisposeAsync();

        Assert.True(IsGone(grandchild));
        Assert.True(IsGone(start.Process.Id));
    }

    [Fact]
    public async Task Start_OnLinux_ChildLeadsItsOwnProcessGroup()
    {
        var start = _child.Start(new ProcessSpec { FileName = "sleep", Arguments = ["300"] });
        await using var running = start.Process!;
        ProcStat stat = default;
        // setsid runs inside the child right after fork; wait (bounded) until it has.
        for (var i = 0; i < 100 && !(ProcStat.TryRead(running.Id, out stat) && stat.GroupId == running.Id); i++)
        {
            await Task.Delay(20, Timeout());
        }

        Assert.Equal(running.Id, stat.GroupId);
    }

    [Fact]
    public async Task RunAsync_SecretInEnvironmentPrinted_RedactedInLogAndTail()
    {
        var log = Path.Combine(_dir, "secret.log");
        var spec = ProcessSpec.Shell("echo \"key is $MY_API_TOKEN\"") with
        {
            LogPath = log,
            Environment = new Dictionary<string, string> { ["MY_API_TOKEN"] = "s3cr3t-value-123" },
        };

        var result = await _child.RunAsync(spec, Timeout());

        var text = await File.ReadAllTextAsync(log, Timeout());
        Assert.Contains("key is ***", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value-123", text, StringComparison.Ordinal);
        Assert.Equal("key is ***", Assert.Single(result.Tail));
    }

    [Fact]
    public async Task RunAsync_ProgramMissing_StartFailureNotException()
    {
        var result = await _child.RunAsync(new ProcessSpec { FileName = "no-such-program-xyz" }, Timeout());

        Assert.Null(result.ExitCode);
        Assert.Equal("could not start: program 'no-such-program-xyz' not found", result.Describe());
    }

    [Fact]
    public async Task RunAsync_ShellCommandMissing_Exit127WithShellMessage()
    {
        var result = await _child.RunAsync(ProcessSpec.Shell("no-such-program-xyz --flag"), Timeout());

        Assert.Equal(127, result.ExitCode);
        Assert.Contains(result.Tail, l => l.Contains("no-such-program-xyz: not found", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_TimestampLines_EachLogLineStartsWithUtcTime()
    {
        var log = Path.Combine(_dir, "stamped.log");
        await _child.RunAsync(ProcessSpec.Shell("echo ready") with { LogPath = log, TimestampLines = true }, Timeout());

        var line = Assert.Single(await File.ReadAllLinesAsync(log, Timeout()));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ready$", line);
    }
}
