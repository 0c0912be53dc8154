using Greenlight.Processes;

namespace Greenlight.Deploy;

/// <summary>
/// "git a8aa565-dirty+build 3f9c2e1d": the commit of the working tree (-dirty when a tracked file
/// is modified) plus <see cref="BuildOutputHash"/>. Without git: "build 3f9c2e1d".
/// </summary>
public sealed class RevisionReader(ChildProcess processes)
{
    public async Task<string> ReadAsync(string runCommand, string workingDirectory, CancellationToken cancellationToken)
    {
        var build = "build " + BuildOutputHash.Compute(BuildOutputHash.SelectDirectory(runCommand, workingDirectory));
        var commit = await GitAsync(workingDirectory, ["rev-parse", "--short=7", "HEAD"], cancellationToken).ConfigureAwait(false);
        if (commit is null)
        {
            return build;
        }

        var changes = await GitAsync(workingDirectory, ["status", "--porcelain", "--untracked-files=no"], cancellationToken).ConfigureAwait(false);
        var dirty = string.IsNullOrEmpty(changes) ? "" : "-dirty";
        return $"git {commit}{dirty}+{build}";
    }

    private async Task<string?> GitAsync(string directory, string[] arguments, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var spec = new ProcessSpec
        {
            FileName = "git",
            Arguments = ["-C", directory, .. arguments],
            Timeout = TimeSpan.FromSeconds(30),
            OnLine = line => { lock (lines) { lines.Add(line); } },
        };
        var result = await processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        lock (lines)
        {
            return result.Succeeded ? string.Join('\n', lines).Trim() : null;
        }
    }
}
