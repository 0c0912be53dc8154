using System.Text;
using Greenlight.Processes;

namespace Greenlight.Repository;

/// <summary>
/// Runs git through <see cref="ChildProcess"/> and returns its standard output alone. ChildProcess
/// merges stdout and stderr into one line stream, and git writes warnings (CRLF conversion, hints)
/// to stderr, so stdout is redirected by <c>/bin/sh</c> into a temp file: byte exact, NULs kept for
/// <c>-z</c>. Optional locks are off, so read-only commands never rewrite the user's index.
/// </summary>
public sealed class Git(ChildProcess processes)
{
    private static readonly Dictionary<string, string> BaseEnvironment = new(StringComparer.Ordinal)
    {
        ["GIT_OPTIONAL_LOCKS"] = "0",
        ["LC_ALL"] = "C",
        ["GIT_TERMINAL_PROMPT"] = "0",
    };

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    public async Task<GitOutput> RunAsync(string repository, IReadOnlyList<string> arguments, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var output = Path.Combine(Path.GetTempPath(), "greenlight-git-" + Guid.NewGuid().ToString("N"));
        var env = new Dictionary<string, string>(BaseEnvironment, StringComparer.Ordinal);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            env[name] = value;
        }

        // $1 is the output file; the rest is the git argument array, never re-split by the shell.
        var spec = new ProcessSpec
        {
            FileName = "/bin/sh",
            Arguments = ["-c", "out=$1; shift; exec \"$@\" > \"$out\"", "sh", output, "git", "-C", repository, "-c", "core.quotepath=off", .. arguments],
            Environment = env,
            Timeout = Timeout,
        };
        try
        {
            var result = await processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
            var stdout = File.Exists(output) ? await File.ReadAllTextAsync(output, Encoding.UTF8, cancellationToken).ConfigureAwait(false) : "";
            var error = result.Succeeded ? "" : $"git {string.Join(' ', arguments.Take(2))} {result.Describe()}{(result.Tail.Count > 0 ? ": " + string.Join(" | ", result.Tail.TakeLast(4)) : "")}";
            return new GitOutput(result.Succeeded, stdout, error);
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>Splits <c>-z</c> output into its NUL-separated fields, dropping the empty tail.</summary>
    public static IReadOnlyList<string> SplitNul(string text) =>
        text.Split('\0', StringSplitOptions.RemoveEmptyEntries);
}

/// <param name="Error">Why git failed (exit code and last stderr lines); empty when it succeeded.</param>
public sealed record GitOutput(bool Succeeded, string Output, string Error);
