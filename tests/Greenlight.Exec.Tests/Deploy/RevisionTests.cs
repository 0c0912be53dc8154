using Greenlight.Deploy;
using Greenlight.Processes;
using static Greenlight.Exec.Tests.TestSupport;

namespace Greenlight.Exec.Tests.Deploy;

public sealed class RevisionTests
{
    private readonly ChildProcess _processes = new();
    private readonly string _repo = TempDirectory();

    private async Task GitAsync(params string[] arguments)
    {
        var result = await _processes.RunAsync(new ProcessSpec { FileName = "git", Arguments = ["-C", _repo, .. arguments] }, Timeout());
        Assert.True(result.Succeeded, string.Join('\n', result.Tail));
    }

    [Fact]
    public async Task ReadAsync_CleanThenModifiedWorkingTree_CommitThenDirty()
    {
        await File.WriteAllTextAsync(Path.Combine(_repo, "app.py"), "print(1)\n", Timeout());
        await GitAsync("init", "-q");
        await GitAsync("add", ".");
        await GitAsync("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "first");
        var reader = new RevisionReader(_processes);

        var clean = await reader.ReadAsync("/usr/bin/python3 app.py", _repo, Timeout());
        await File.WriteAllTextAsync(Path.Combine(_repo, "app.py"), "print(2)\n", Timeout());
        var dirty = await reader.ReadAsync("/usr/bin/python3 app.py", _repo, Timeout());

        Assert.Matches("^git [0-9a-f]{7}\\+build [0-9a-f]{8}$", clean);
        Assert.Matches("^git [0-9a-f]{7}-dirty\\+build [0-9a-f]{8}$", dirty);
        Assert.NotEqual(clean[^8..], dirty[^8..]);
    }

    [Fact]
    public void SelectDirectory_RunCommandNamesExistingDll_ItsDirectory()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_repo, "bin", "Release")).FullName;
        File.WriteAllText(Path.Combine(bin, "Svc.dll"), "x");

        Assert.Equal(bin, BuildOutputHash.SelectDirectory("dotnet bin/Release/Svc.dll --urls http://127.0.0.1:{port}", _repo));
        Assert.Equal(_repo, BuildOutputHash.SelectDirectory("dotnet run --project Svc", _repo));
    }
}
