using Greenlight.Deploy;
using Greenlight.Deploy.LastGood;
using Greenlight.Processes;
using Greenlight.Runs.Analysing;

namespace Greenlight.Core.Tests.Runs;

/// <summary>Which services a run's failures can be attributed to a change in: a real git repository and real last good builds.</summary>
public sealed class ChangeAttributorTests : IDisposable
{
    private readonly ChildProcess _processes = new();
    private readonly string _repo = Directory.CreateTempSubdirectory("greenlight-attr-").FullName;

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    private static CancellationToken Ct() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private async Task GitAsync(params string[] arguments)
    {
        var result = await _processes.RunAsync(new ProcessSpec { FileName = "git", Arguments = ["-C", _repo, .. arguments] }, Ct());
        Assert.True(result.Succeeded, string.Join('\n', result.Tail));
    }

    private async Task CommitAsync(params (string Path, string Text)[] files)
    {
        foreach (var (path, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_repo, path))!);
            await File.WriteAllTextAsync(Path.Combine(_repo, path), text, Ct());
        }

        await GitAsync("add", ".");
        await GitAsync("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "change");
    }

    private Task<string> RevisionAsync(string service) => new RevisionReader(_processes).ReadAsync("/usr/bin/python3 app.py", Path.Combine(_repo, service), Ct());

    [Fact]
    public async Task AttributeAsync_ServiceChangedSinceItsLastGoodBuild_AttributedWithItsFiles_GoodAndUnknownBuildsNot()
    {
        await GitAsync("init", "-q");
        await CommitAsync(("api/app.py", "print(1)\n"), ("web/app.py", "print(1)\n"));
        var store = new LastGoodStore(_repo, TimeProvider.System);
        var apiGood = await RevisionAsync("api");
        var webGood = await RevisionAsync("web");
        await store.SaveAsync("api", apiGood, Path.Combine(_repo, "api"), Ct(), madeGoodBy: "run-1");
        await store.SaveAsync("web", webGood, Path.Combine(_repo, "web"), Ct(), madeGoodBy: "run-1");
        await CommitAsync(("api/app.py", "print(2)\n"), ("api/orders.py", "x = 1\n"));
        var apiNow = await RevisionAsync("api");

        var result = await new ChangeAttributor(new ChangedFiles(_processes), TimeProvider.System).AttributeAsync(_repo,
        [
            new ServiceBuild("api", Path.Combine(_repo, "api"), apiNow),
            // web's build did not change (its folder did not): it runs its good build.
            new ServiceBuild("web", Path.Combine(_repo, "web"), webGood),
            new ServiceBuild("never-deployed", Path.Combine(_repo, "api"), null),
            new ServiceBuild("no-good-build-yet", Path.Combine(_repo, "api"), apiNow),
        ], Ct());

        var api = Assert.Single(result.Services).Value;
        Assert.Equal(("api", apiGood, apiNow, "run-1"), (api.Service, api.LastGood, api.Current, api.MadeGoodBy));
        Assert.Equal($"git {ChangeAttribution.Parse(apiGood).Git} → {ChangeAttribution.Parse(apiNow).Git}", api.Changed[1]);
        Assert.StartsWith("build ", api.Changed[0], StringComparison.Ordinal);
        Assert.Equal(["api/app.py", "api/orders.py"], api.Files);
        Assert.Equal([api], result.For(["web", "api", "api"]));
    }
}
