using System.Diagnostics;
using System.Text.Json;

namespace Greenlight.Cli.Tests;

/// <summary>A loop test-data project (loop-project by default) in its own temp folder, committed to a fresh git repository (the guard diffs against git).</summary>
internal sealed class LoopProject : IDisposable
{
    private LoopProject(string root) => Root = root;

    public string Root { get; }

    public static async Task<LoopProject> CreateAsync(Action<string>? edit = null, string template = "loop-project")
    {
        var project = new LoopProject(CliProcess.CopyProject(template));
        edit?.Invoke(project.Root);
        await project.GitAsync("init", "-q", "-b", "main");
        await project.GitAsync("config", "user.email", "test@example.invalid");
        await project.GitAsync("config", "user.name", "Greenlight Test");
        await project.GitAsync("config", "core.autocrlf", "false");
        File.WriteAllText(Path.Combine(project.Root, ".gitignore"), ".greenlight/\n__pycache__/\n.pytest_cache/\n");
        await project.GitAsync("add", "-A");
        await project.GitAsync("commit", "-q", "-m", "loop demo");
        return project;
    }

    public Task<CliProcess.Result> RunAsync(params string[] args) => CliProcess.RunAsync(Root, TimeSpan.FromMinutes(4), args);

    public string RunDirectory => CliProcess.RunDirectory(Root);

    public JsonElement RunJson() => JsonDocument.Parse(File.ReadAllText(Path.Combine(RunDirectory, "run.json"))).RootElement;

    public string Worklog() => File.ReadAllText(Path.Combine(RunDirectory, "worklog.md"));

    public string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    /// <summary>git's own view of the working tree, to check Greenlight committed and reset nothing.</summary>
    public async Task<string> GitAsync(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
        return output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
