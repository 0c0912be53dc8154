using System.ComponentModel;
using System.Diagnostics;
using Greenlight.Secrets;

namespace Greenlight.Processes;

/// <summary>
/// The one way Greenlight starts a child process: an argument array, a timeout told apart from a
/// cancellation, every output line redacted into one log file, and the whole process tree killed
/// at the end. On Linux the child starts in its own process group (<c>setsid</c>).
/// </summary>
public sealed class ChildProcess(SecretRedactor redactor, TimeProvider time)
{
    public ChildProcess()
        : this(SecretRedactor.None, TimeProvider.System)
    {
    }

    public SecretRedactor Redactor => redactor;

    /// <summary>Runs to the end (exit, timeout or cancellation) and returns how it ended.</summary>
    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        var start = Start(spec);
        if (start.Process is null)
        {
            return new ProcessResult { StartFailure = start.Failure, Started = time.GetUtcNow() };
        }

        await using var running = start.Process;
        return await running.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a long-running child (a service); the caller stops or disposes it.</summary>
    public ProcessStart Start(ProcessSpec spec)
    {
        redactor.AddFromEnvironment(spec.Environment);
        var program = ResolveProgram(spec.FileName, spec.Environment);
        if (program is null)
        {
            return new ProcessStart(null, $"program '{spec.FileName}' not found");
        }

        if (spec.WorkingDirectory is { } cwd && !Directory.Exists(cwd))
        {
            return new ProcessStart(null, $"working directory '{cwd}' does not exist");
        }

        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        if (OperatingSystem.IsLinux())
        {
            info.FileName = "setsid";
            info.ArgumentList.Add(program);
        }
        else
        {
            info.FileName = program;
        }

        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment)
        {
            info.Environment[name] = value;
        }

        var sink = new OutputSink(spec.LogPath, redactor, spec.OnLine, spec.TimestampLines ? time : null);
        var process = new Process { StartInfo = info };
        try
        {
            var started = time.GetUtcNow();
            var timestamp = time.GetTimestamp();
            // RS0030 bans Process.Start outside this folder: this is the helper every other caller goes through.
#pragma warning disable RS0030
            process.Start();
#pragma warning restore RS0030
            // Tests and services never read stdin; closing it keeps them from waiting on a terminal.
            process.StandardInput.Close();
            return new ProcessStart(new RunningProcess(process, sink, spec, time, started, timestamp), null);
        }
        catch (Win32Exception e)
        {
            sink.Dispose();
            process.Dispose();
            return new ProcessStart(null, $"{spec.FileName}: {e.Message}");
        }
    }

    private static string? ResolveProgram(string fileName, IReadOnlyDictionary<string, string> environment)
    {
        if (fileName.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(fileName) ? Path.GetFullPath(fileName) : null;
        }

        var path = environment.TryGetValue("PATH", out var own) ? own : Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, fileName))
            .FirstOrDefault(File.Exists);
    }
}

/// <summary>A started process, or why it could not start.</summary>
public sealed record ProcessStart(RunningProcess? Process, string? Failure);
