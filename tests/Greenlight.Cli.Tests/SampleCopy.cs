using System.Diagnostics;

namespace Greenlight.Cli.Tests;

/// <summary>
/// A copy of the sample (the repository's root files and <c>sample/</c> without build outputs) in its own
/// git repository, with one <c>sample/replay.sh</c> replay applied, as a user replaying an incident has it.
/// </summary>
internal static class SampleCopy
{
    public static async Task<string> WithReplayAsync(string prefix, string replay, params string[] rootFiles)
    {
        var copy = Directory.CreateTempSubdirectory(prefix).FullName;
        var root = CliProcess.RepositoryRoot();
        foreach (var file in rootFiles)
        {
            File.Copy(Path.Combine(root, file), Path.Combine(copy, file));
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "sample"), "*", SearchOption.AllDirectories)
                     .Where(f => !Path.GetRelativePath(root, f).Split('/').Any(part => part is "bin" or "obj")))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        await ToolAsync(copy, "git", "init", "-q");
        await ToolAsync(copy, "git", "add", "-A");
        await ToolAsync(copy, "git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "sample");
        await ToolAsync(copy, "bash", "sample/replay.sh", replay);
        return copy;
    }

    private static async Task ToolAsync(string directory, string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: {error}");
    }
}
