using Greenlight.Deploy;
using Greenlight.Processes;
using Greenlight.Secrets;
using static Greenlight.Exec.Tests.TestSupport;

namespace Greenlight.Exec.Tests.Deploy;

/// <summary>Runs side by side in one folder, with real child processes standing in for services and for Greenlight itself.</summary>
public sealed class PidRegistryTests : IAsyncDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);
    private readonly string _pids = Path.Combine(TempDirectory(), ".greenlight", "pids");
    private readonly ChildProcess _processes = new(new SecretRedactor(), TimeProvider.System);
    private readonly List<RunningProcess> _started = [];

    /// <summary>A tagged process group of <paramref name="sleepers"/> sleeps under one shell, recorded in <paramref name="registry"/>.</summary>
    private RunningProcess StartService(PidRegistry registry, string service, int sleepers = 1)
    {
        var tag = Guid.NewGuid().ToString("N");
        var command = string.Concat(Enumerable.Repeat("sleep 300 & ", sleepers)) + "wait";
        var process = _processes.Start(ProcessSpec.Shell(command) with { Environment = new Dictionary<string, string> { [PidRegistry.TagVariable] = tag } }).Process!;
        _started.Add(process);
        registry.Record(service, process.Id, tag, command);
        return process;
    }

    /// <summary>A real process standing in for another run's Greenlight, to be killed with SIGKILL.</summary>
    private RunningProcess StartOwner()
    {
        var owner = _processes.Start(new ProcessSpec { FileName = "sleep", Arguments = ["300"] }).Process!;
        _started.Add(owner);
        return owner;
    }

    [Fact]
    public async Task ReapOrphansAsync_TwoLiveRunsInOneFolder_NeitherTouchesTheOther()
    {
        var a = new PidRegistry(_pids, "run-a", TimeProvider.System);
        var b = new PidRegistry(_pids, "run-b", TimeProvider.System);
        var serviceA = StartService(a, "backend");
        var serviceB = StartService(b, "backend");
        await WaitForGroupAsync(serviceA.Id, 2, Timeout());
        await WaitForGroupAsync(serviceB.Id, 2, Timeout());

        var reapedByA = await a.ReapOrphansAsync(Grace);
        var reapedByB = await b.ReapOrphansAsync(Grace);

        Assert.Empty(reapedByA);
        Assert.Empty(reapedByB);
        Assert.False(IsGone(serviceA.Id));
        Assert.False(IsGone(serviceB.Id));
        Assert.True(File.Exists(Path.Combine(_pids, "run-a", "backend.pid")));
        Assert.True(File.Exists(Path.Combine(_pids, "run-b", "backend.pid")));
    }

    [Fact]
    public async Task ReapOrphansAsync_OwnerKilledWithSigkill_OnlyItsProcessesReapedAndCounted()
    {
        var ct = Timeout();
        var owner = StartOwner();
        var killed = new PidRegistry(_pids, "run-killed", TimeProvider.System, ProcessOwner.Of(owner.Id));
        var orphan = StartService(killed, "backend", sleepers: 2);
        var orphanAuth = StartService(killed, "auth");
        var live = new PidRegistry(_pids, "run-live", TimeProvider.System);
        var liveService = StartService(live, "backend");
        var reaper = new PidRegistry(_pids, "run-new", TimeProvider.System);
        await WaitForGroupAsync(orphan.Id, 3, ct);
        await WaitForGroupAsync(orphanAuth.Id, 2, ct);
        Assert.Empty(await reaper.ReapOrphansAsync(Grace)); // its owner still runs: a run beside this one

        ProcessGroup.Signal(owner.Id, ProcessGroup.SigKill);
        await owner.WaitAsync(ct);
        var reaped = await reaper.ReapOrphansAsync(Grace);

        var run = Assert.Single(reaped);
        Assert.Equal(("run-killed", 5, owner.Id), (run.RunId, run.Processes, run.Owner?.ProcessId));
        Assert.Equal(["auth", "backend"], run.Services.Order(StringComparer.Ordinal));
        Assert.StartsWith("reaped 5 processes (", run.ToString(), StringComparison.Ordinal);
        Assert.EndsWith($"left by run run-killed (started at {run.StartedAt!.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; its Greenlight process {owner.Id} is gone)", run.ToString(), StringComparison.Ordinal);
        Assert.True(IsGone(orphan.Id) && IsGone(orphanAuth.Id));
        Assert.Empty(ProcessGroup.LiveMembers(orphan.Id));
        Assert.False(Directory.Exists(Path.Combine(_pids, "run-killed")));
        Assert.False(IsGone(liveService.Id));
        Assert.True(File.Exists(Path.Combine(_pids, "run-live", "backend.pid")));
    }

    [Fact]
    public async Task ReapOrphansAsync_OwnerPidNowAnotherProcess_Reaped()
    {
        // Same pid, another start time: the kernel gave the dead owner's pid to a new process.
        var current = ProcessOwner.Current;
        var reused = new PidRegistry(_pids, "run-reused", TimeProvider.System, current with { StartTicks = current.StartTicks - 1 });
        var orphan = StartService(reused, "backend");
        await WaitForGroupAsync(orphan.Id, 2, Timeout());

        var reaped = await new PidRegistry(_pids, "run-new", TimeProvider.System).ReapOrphansAsync(Grace);

        Assert.Equal("run-reused", Assert.Single(reaped).RunId);
        Assert.True(IsGone(orphan.Id));
    }

    [Fact]
    public async Task ReapOrphansAsync_DeadOwnersGroupNowSomeoneElses_SparedFileRemoved()
    {
        var owner = StartOwner();
        var killed = new PidRegistry(_pids, "run-killed", TimeProvider.System, ProcessOwner.Of(owner.Id));
        var stranger = _processes.Start(ProcessSpec.Shell("exec sleep 300")).Process!; // no tag: not started by that run
        _started.Add(stranger);
        await WaitForGroupAsync(stranger.Id, 1, Timeout());
        killed.Record("backend", stranger.Id, Guid.NewGuid().ToString("N"), "sleep 300");
        ProcessGroup.Signal(owner.Id, ProcessGroup.SigKill);
        await owner.WaitAsync(Timeout());

        var reaped = await new PidRegistry(_pids, "run-new", TimeProvider.System).ReapOrphansAsync(Grace);

        Assert.Empty(reaped);
        Assert.False(IsGone(stranger.Id));
        Assert.False(Directory.Exists(Path.Combine(_pids, "run-killed")));
    }

    [Fact]
    public void Remove_LastServiceOfTheRun_RunFolderGone()
    {
        var registry = new PidRegistry(_pids, "run-a", TimeProvider.System);
        registry.Record("auth", 4242, "tag", "auth");
        registry.Record("backend", 4243, "tag", "backend");

        registry.Remove("auth");
        var afterOne = Directory.Exists(Path.Combine(_pids, "run-a"));
        registry.Remove("backend");

        Assert.True(afterOne);
        Assert.False(Directory.Exists(Path.Combine(_pids, "run-a")));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    public void Constructor_RunIdThatIsNotAFolderName_Refused(string runId) =>
        Assert.Throws<ArgumentException>(() => new PidRegistry(_pids, runId, TimeProvider.System));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _started)
        {
            await process.DisposeAsync();
        }

        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(_pids))!, recursive: true);
    }
}
