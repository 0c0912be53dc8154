using System.Text;
using Greenlight.Processes;

namespace Greenlight.Deploy.Remote;

/// <summary>
/// Runs a user's shell command and keeps its stdout apart from its stderr. ChildProcess merges the
/// two streams, and a platform CLI prints progress on stderr (gcloud does) around the one value we
/// want, so stdout goes to a file through an outer <c>/bin/sh</c>; stderr still reaches the log.
/// </summary>
internal static class ShellCapture
{
    public static async Task<(ProcessResult Result, string Stdout)> RunAsync(ChildProcess processes, ProcessSpec shellSpec, string stdoutPath, CancellationToken cancellationToken)
    {
        // shellSpec is ProcessSpec.Shell(command): "/bin/sh" ["-c", command].
        var spec = shellSpec with
        {
            Arguments = ["-c", "out=$1; shift; exec \"$@\" > \"$out\"", "sh", stdoutPath, "/bin/sh", .. shellSpec.Arguments],
        };
        var result = await processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        var stdout = File.Exists(stdoutPath) ? await File.ReadAllTextAsync(stdoutPath, Encoding.UTF8, cancellationToken).ConfigureAwait(false) : "";
        return (result, processes.Redactor.Redact(stdout));
    }
}
