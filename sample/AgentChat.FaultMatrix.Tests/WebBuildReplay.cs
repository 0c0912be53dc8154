using System.Diagnostics;

namespace AgentChat.FaultMatrix;

/// <summary>
/// <c>sample/replay.sh web-build</c> without touching the working tree: the script runs in a
/// throwaway git repository holding the build files and the two projects the web app builds from,
/// then <c>dotnet build</c> of that copy must fail with the compiler's own error.
/// </summary>
public static class WebBuildReplay
{
    public const string Name = "replay:web-build";

    private static readonly string[] RootFiles = ["Directory.Build.props", "Directory.Packages.props", "BannedSymbols.txt", ".editorconfig", "global.json", "sample/replay.sh"];

    private static readonly string[] Projects = ["sample/AgentChat.Common", "sample/AgentChat.Web"];

    public sealed record Result(int BuildExitCode, string BuildOutput, string ReplayedProgram, string RestoredProgram, string CommittedProgram);

    /// <summary>Replays, builds, restores; returns what each step left.</summary>
    public static async Task<Result> RunAsync(CancellationToken ct)
    {
        var root = RepositoryRoot();
        var repo = Directory.CreateTempSubdirectory("agentchat-web-build-").FullName;
        try
        {
            foreach (var file in RootFiles)
            {
                CopyFile(Path.Combine(root, file), Path.Combine(repo, file));
            }

            foreach (var project in Projects)
            {
                foreach (var file in Directory.EnumerateFiles(Path.Combine(root, project), "*", SearchOption.AllDirectories))
                {
                    var relative = Path.GetRelativePath(root, file);
                    if (!relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                    {
                        CopyFile(file, Path.Combine(repo, relative));
                    }
                }
            }

            var program = Path.Combine(repo, "sample", "AgentChat.Web", "Program.cs");
            var committed = await File.ReadAllTextAsync(program, ct);
            await RequireAsync(repo, ct, "git", "init", "-q");
            await RequireAsync(repo, ct, "git", "add", ".");
            await RequireAsync(repo, ct, "git", "-c", "user.name=test", "-c", "user.email=test@localhost", "commit", "-qm", "web-build replay");

            await RequireAsync(repo, ct, "bash", "sample/replay.sh", "web-build");
            var replayed = await File.ReadAllTextAsync(program, ct);
            var (exitCode, output) = await RunAsync(repo, ct, Executables.DotnetHost, "build", "sample/AgentChat.Web", "-nologo", "-clp:ErrorsOnly");
            await RequireAsync(repo, ct, "bash", "sample/replay.sh", "restore");
            return new Result(exitCode, output, replayed, await File.ReadAllTextAsync(program, ct), committed);
        }
        finally
        {
            Directory.Delete(repo, recursive: true);
        }
    }

    private static void CopyFile(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Greenlight.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Greenlight.slnx above {AppContext.BaseDirectory}");
    }

    private static async Task RequireAsync(string directory, CancellationToken ct, string file, params string[] arguments)
    {
        var (exitCode, output) = await RunAsync(directory, ct, file, arguments);
        Assert.True(exitCode == 0, $"{file} {string.Join(' ', arguments)} exited {exitCode}: {output}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string directory, CancellationToken ct, string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await output + await errors);
    }
}
