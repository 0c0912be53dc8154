using Greenlight.Deploy;
using Greenlight.Deploy.LastGood;
using Greenlight.Processes;
using static Greenlight.Loop.Tests.TestSupport;

namespace Greenlight.Loop.Tests.LastGood;

/// <summary>A regression attributed to a change: the last good build against this one, in a real git repository with two services' folders.</summary>
public sealed class ChangeAttributionTests
{
    private readonly ChildProcess _processes = new();
    private readonly string _repo = TempDirectory();

    private string Api => Path.Combine(_repo, "api");

    private async Task GitAsync(params string[] arguments)
    {
        var result = await _processes.RunAsync(new ProcessSpec { FileName = "git", Arguments = ["-C", _repo, .. arguments] }, Timeout());
        Assert.True(result.Succeeded, string.Join('\n', result.Tail));
    }

    private async Task CommitAsync(string message, params (string Path, string Text)[] files)
    {
        foreach (var (path, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_repo, path))!);
            await File.WriteAllTextAsync(Path.Combine(_repo, path), text, Timeout());
        }

        await GitAsync("add", ".");
        await GitAsync("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", message);
    }

    private Task<string> RevisionAsync() => new RevisionReader(_processes).ReadAsync("/usr/bin/python3 app.py", Api, Timeout());

    private static LastGoodBuild Good(string revision) =>
        new("api", revision, "/store/api/x", "/repo/api", DateTimeOffset.UnixEpoch) { MadeGoodBy = "20261201-101010-abcd" };

    [Fact]
    public async Task Compare_GitChange_BuildAndCommitNamed_FilesOnlyFromTheServicesFolder()
    {
        await GitAsync("init", "-q");
        await CommitAsync("first", ("api/app.py", "print(1)\n"), ("api/db.py", "x = 1\n"), ("web/app.js", "1\n"));
        var good = await RevisionAsync() + "+env 1a2b3c4d";
        await CommitAsync("second", ("api/app.py", "print(2)\n"), ("web/app.js", "2\n"));
        await CommitAsync("third", ("api/routes/items.py", "y = 2\n"));
        var current = await RevisionAsync() + "+env 5e6f7a8b";
        var before = ChangeAttribution.Parse(good);
        var after = ChangeAttribution.Parse(current);

        var change = ChangeAttribution.Compare(Good(good), current)!;
        var withFiles = await new ChangedFiles(_processes).AddAsync(change, Api, Timeout());

        Assert.Equal(("api", good, current, "20261201-101010-abcd"), (change.Service, change.LastGood, change.Current, change.MadeGoodBy));
        Assert.Equal(
            [$"build {before.Build} → {after.Build}", $"git {before.Git} → {after.Git}", "env 1a2b3c4d → 5e6f7a8b"],
            change.Changed);
        // web/app.js changed too, but outside the api's folder; db.py did not change.
        Assert.Equal(["api/app.py", "api/routes/items.py"], withFiles.Files);
        Assert.Null(withFiles.FilesProblem);
    }

    [Fact]
    public async Task Compare_DirtyWorkingTree_FilesAgainstTheWorkingTree()
    {
        await GitAsync("init", "-q");
        await CommitAsync("first", ("api/app.py", "print(1)\n"), ("api/db.py", "x = 1\n"));
        var good = await RevisionAsync();
        await File.WriteAllTextAsync(Path.Combine(Api, "db.py"), "x = 2\n", Timeout());
        var current = await RevisionAsync();

        var change = await new ChangedFiles(_processes).AddAsync(ChangeAttribution.Compare(Good(good), current)!, Api, Timeout());

        Assert.Contains($"git {ChangeAttribution.Parse(good).Git} → {ChangeAttribution.Parse(good).Git}-dirty", change.Changed);
        Assert.Equal(["api/db.py"], change.Files);
    }

    [Fact]
    public async Task Compare_LastGoodCommitUnknownToGit_FilesProblemNamed()
    {
        await GitAsync("init", "-q");
        await CommitAsync("first", ("api/app.py", "print(1)\n"));
        var current = await RevisionAsync();

        var change = await new ChangedFiles(_processes).AddAsync(ChangeAttribution.Compare(Good("git 0000000+build 11111111"), current)!, Api, Timeout());

        Assert.Empty(change.Files);
        Assert.StartsWith("git diff failed: ", change.FilesProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_OnlyTheEnvironmentChanged_OnlyEnvNamed_NoGitRange()
    {
        var change = ChangeAttribution.Compare(Good("git a8aa565+build 3f9c2e1d+env 1a2b3c4d"), "git a8aa565+build 3f9c2e1d+env 5e6f7a8b")!;

        Assert.Equal(["env 1a2b3c4d → 5e6f7a8b"], change.Changed);
        Assert.Null(ChangeAttribution.GitRange(change));
    }

    [Fact]
    public void Compare_SameBuild_NoChange()
    {
        Assert.Null(ChangeAttribution.Compare(Good("build 3f9c2e1d"), "build 3f9c2e1d"));
    }
}
