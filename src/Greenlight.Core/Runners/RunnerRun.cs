using Greenlight.Config;
using Greenlight.Processes;
using Greenlight.Stages;

namespace Greenlight.Runners;

/// <summary>What every runner does around its process: the suite folder, the environment, the timeout, output.log.</summary>
internal static class RunnerRun
{
    public static string OutputPath(SuiteRunContext context) => Path.Combine(context.SuiteDirectory, "output.log");

    /// <summary>A fresh <c>results/</c> folder, so no file from an earlier run can be mistaken for this one's.</summary>
    public static string FreshResultsDirectory(SuiteRunContext context)
    {
        var results = Path.Combine(context.SuiteDirectory, "results");
        if (Directory.Exists(results))
        {
            Directory.Delete(results, recursive: true);
        }

        Directory.CreateDirectory(results);
        return results;
    }

    public static ProcessSpec Spec(string fileName, IReadOnlyList<string> arguments, string workingDirectory, SuiteRunContext context, TimeSpan timeout, string logPath) => new()
    {
        FileName = fileName,
        Arguments = arguments,
        WorkingDirectory = workingDirectory,
        Environment = context.Environment,
        Timeout = timeout,
        LogPath = logPath,
    };

    /// <summary>The runner-independent part of the result: exit code, timing, and a problem for a timeout or a failed start.</summary>
    public static SuiteRunResult Base(SuiteConfig suite, ProcessSpec spec, ProcessResult process, ChildProcess processes, CancellationToken cancellationToken)
    {
        // Ctrl+C is not a test result: the tree is already gone, let the host stop.
        cancellationToken.ThrowIfCancellationRequested();
        var problems = new List<string>();
        if (process.StartFailure is not null)
        {
            problems.Add($"{suite.Runner} runner {process.Describe()}");
        }
        else if (process.TimedOut)
        {
            problems.Add($"suite timed out after {suite.Timeout.TotalSeconds:0.#}s (timeout {suite.Timeout}); the process tree was killed");
        }

        return new SuiteRunResult
        {
            SuiteId = suite.Id,
            CommandLine = processes.Redactor.Redact(spec.Display()),
            ExitCode = process.ExitCode,
            TimedOut = process.TimedOut,
            Started = process.Started,
            Duration = process.Duration,
            Problems = problems,
            OutputPath = spec.LogPath,
        };
    }

    public static string LastLines(ProcessResult result, int count = 5) =>
        result.Tail.Count == 0 ? "" : ": " + string.Join(" | ", result.Tail.TakeLast(count));
}
