using Greenlight.Config;
using Greenlight.Deploy;
using Greenlight.Deploy.LastGood;
using Greenlight.Processes;
using Microsoft.Extensions.Time.Testing;
using static Greenlight.Loop.Tests.TestSupport;

namespace Greenlight.Loop.Tests.LastGood;

public sealed class LastGoodStoreTests
{
    private readonly string _root = TempDirectory();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    private string BuildOutput(string version)
    {
        var bin = Path.Combine(_root, "svc", "bin", "Release");
        Directory.CreateDirectory(Path.Combine(bin, "wwwroot"));
        Directory.CreateDirectory(Path.Combine(bin, "obj"));
        File.WriteAllText(Path.Combine(bin, "app.sh"), $"echo serving {version}\n");
        File.WriteAllText(Path.Combine(bin, "wwwroot", "index.html"), $"<p>{version}</p>");
        File.WriteAllText(Path.Combine(bin, "obj", "cache"), "intermediate");
        return bin;
    }

    [Fact]
    public async Task SaveAsync_HealthyBuild_CopiedUnderBuildsFolderAndFound()
    {
        var store = new LastGoodStore(_root, _time);
        var bin = BuildOutput("v1");

        var saved = await store.SaveAsync("backend", "git a8aa565+build 3f9c2e1d", bin, Timeout());

        Assert.True(saved.Succeeded, saved.Failure);
        Assert.Equal(Path.Combine(_root, ".greenlight", "builds", "backend", "git-a8aa565-build-3f9c2e1d"), saved.Build!.Directory);
        Assert.Equal("<p>v1</p>", await File.ReadAllTextAsync(Path.Combine(saved.Build.Directory, "wwwroot", "index.html"), Timeout()));
        Assert.False(Directory.Exists(Path.Combine(saved.Build.Directory, "obj")));
        Assert.Equal(BuildOutputHash.Compute(bin), BuildOutputHash.Compute(saved.Build.Directory));
        Assert.Equal(saved.Build, store.Find("backend"));
    }

    [Fact]
    public async Task Retarget_BuildSavedWithEnvironment_RestoresItKeepingCurrentSecrets()
    {
        var store = new LastGoodStore(_root, _time);
        var bin = BuildOutput("v1");
        await store.SaveAsync("backend", "r1", bin, Timeout(),
            new Dictionary<string, string> { ["AGENTCHAT_FAULT"] = "" }, ["AGENTCHAT_JWT_KEY"]);
        var current = new Greenlight.Config.LocalServiceConfig
        {
            Run = $"dotnet {Path.Combine(bin, "App.dll")}",
            WorkingDirectory = _root,
            Environment = new Dictionary<string, string> { ["AGENTCHAT_FAULT"] = "startup-crash", ["AGENTCHAT_JWT_KEY"] = "current-key", ["NEW_SWITCH"] = "on" },
        };

        var restored = LastGoodRollback.Retarget(current, store.Find("backend")!);

        Assert.Equal(new Dictionary<string, string> { ["AGENTCHAT_FAULT"] = "", ["AGENTCHAT_JWT_KEY"] = "current-key" }, restored.Environment);
        Assert.DoesNotContain("current-key", await File.ReadAllTextAsync(Path.Combine(_root, ".greenlight", "builds", "backend", "r1.json"), Timeout()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_ExcludingBadRevision_ReturnsTheOneBefore()
    {
        var store = new LastGoodStore(_root, _time);
        await store.SaveAsync("backend", "r1", BuildOutput("v1"), Timeout());
        _time.Advance(TimeSpan.FromMinutes(5));
        await store.SaveAsync("backend", "r2", BuildOutput("v2"), Timeout());

        Assert.Equal("r2", store.Find("backend")!.Revision);
        Assert.Equal("r1", store.Find("backend", excludingRevision: "r2")!.Revision);
        Assert.Null(store.Find("auth"));
    }

    [Fact]
    public async Task SaveAsync_MoreThanKeep_OldestRemoved()
    {
        var store = new LastGoodStore(_root, _time, keep: 2);
        foreach (var revision in new[] { "r1", "r2", "r3" })
        {
            await store.SaveAsync("backend", revision, BuildOutput(revision), Timeout());
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(["r3", "r2"], store.List("backend").Select(b => b.Revision));
        Assert.False(Directory.Exists(Path.Combine(store.Root, "backend", "r1")));
        Assert.False(File.Exists(Path.Combine(store.Root, "backend", "r1.json")));
    }

    [Fact]
    public async Task SaveAsync_SourceMissing_FailureValue()
    {
        var store = new LastGoodStore(_root, _time);

        var saved = await store.SaveAsync("backend", "r1", Path.Combine(_root, "nope"), Timeout());

        Assert.False(saved.Succeeded);
        Assert.Contains("does not exist", saved.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retarget_AfterBadRebuild_RunsTheStoredGoodCopy()
    {
        var ct = Timeout();
        var store = new LastGoodStore(_root, _time);
        var local = new LocalServiceConfig { Build = "false", Run = "/bin/sh bin/Release/app.sh", WorkingDirectory = Path.Combine(_root, "svc") };
        var good = (await store.SaveAsync("backend", "r1", BuildOutput("good"), ct)).Build!;
        BuildOutput("bad");

        var rollback = LastGoodRollback.Retarget(local, good);
        var lines = new List<string>();
        var result = await new ChildProcess().RunAsync(
            ProcessSpec.Shell(rollback.Run) with { WorkingDirectory = rollback.WorkingDirectory, OnLine = l => { lock (lines) { lines.Add(l); } } }, ct);

        Assert.Null(rollback.Build);
        Assert.Equal($"/bin/sh {Path.Combine(good.Directory, "app.sh")}", rollback.Run);
        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal(["serving good"], lines);
    }

    [Fact]
    public void Retarget_BuildOutputIsWorkingDirectory_CopyBecomesWorkingDirectory()
    {
        var working = Path.Combine(_root, "pysvc");
        var local = new LocalServiceConfig { Run = "/usr/bin/python3 main.py", WorkingDirectory = working };
        var build = new LastGoodBuild("agents", "r1", Path.Combine(_root, ".greenlight", "builds", "agents", "r1"), working, _time.GetUtcNow());

        var rollback = LastGoodRollback.Retarget(local, build);

        Assert.Equal(("/usr/bin/python3 main.py", build.Directory), (rollback.Run, rollback.WorkingDirectory));
    }
}
