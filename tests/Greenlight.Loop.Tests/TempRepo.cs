using System.Text;
using Greenlight.Processes;
using Greenlight.Repository;

namespace Greenlight.Loop.Tests;

/// <summary>A real git repository in a unique temp folder, driven by the real git binary.</summary>
internal sealed class TempRepo : IDisposable
{
    private readonly Git _git = new(new ChildProcess());

    private TempRepo(string root) => Root = root;

    public string Root { get; }

    public Git Git => _git;

    public static async Task<TempRepo> CreateAsync(CancellationToken cancellationToken)
    {
        var repo = new TempRepo(TestSupport.TempDirectory());
        await repo.RunAsync(cancellationToken, "init", "-q", "-b", "main");
        await repo.RunAsync(cancellationToken, "config", "user.email", "test@example.invalid");
        await repo.RunAsync(cancellationToken, "config", "user.name", "Greenlight Test");
        // Store bytes as written: the tests need CRLF to reach the repository unchanged.
        await repo.RunAsync(cancellationToken, "config", "core.autocrlf", "false");
        return repo;
    }

    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    public void Delete(string relativePath) => File.Delete(Path.Combine(Root, relativePath));

    public async Task CommitAllAsync(string message, CancellationToken cancellationToken)
    {
        await RunAsync(cancellationToken, "add", "-A");
        await RunAsync(cancellationToken, "commit", "-q", "-m", message);
    }

    public async Task<string> RunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var result = await _git.RunAsync(Root, arguments, cancellationToken);
        Assert.True(result.Succeeded, result.Error);
        return result.Output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; failing the test for it is not.
        }
    }
}
