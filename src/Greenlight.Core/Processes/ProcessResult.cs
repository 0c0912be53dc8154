namespace Greenlight.Processes;

/// <summary>
/// How a child process ended. A timeout and a cancellation are told apart; <see cref="StartFailure"/>
/// is set when the program could not be started at all (then <see cref="ExitCode"/> is null).
/// </summary>
public sealed record ProcessResult
{
    public int? ExitCode { get; init; }
    public bool TimedOut { get; init; }
    public bool Cancelled { get; init; }
    public DateTimeOffset Started { get; init; }
    public TimeSpan Duration { get; init; }
    public string? StartFailure { get; init; }
    /// <summary>The last output lines (redacted), for failure messages.</summary>
    public IReadOnlyList<string> Tail { get; init; } = [];

    public bool Succeeded => ExitCode == 0 && !TimedOut && !Cancelled && StartFailure is null;

    /// <summary>When the process ended.</summary>
    public DateTimeOffset Ended => Started + Duration;

    /// <summary>"SIGKILL" when the exit code says a signal ended it (a shell's and .NET's 128 + n), else null.</summary>
    public string? Signal => ExitCode is > 128 and < 160 ? SignalName(ExitCode.Value - 128) : null;

    /// <summary>"killed by SIGKILL, exit code 137" or "exited with code 3": how a process that was not stopped ended.</summary>
    public string DescribeEnd() => Signal is { } signal ? $"killed by {signal}, exit code {ExitCode}" : $"exited with code {ExitCode}";

    private static string SignalName(int number) => number switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        _ => $"signal {number}",
    };

    /// <summary>"exited with 127", "timed out after 30s", "cancelled", "could not start: …".</summary>
    public string Describe()
    {
        if (StartFailure is not null)
        {
            return "could not start: " + StartFailure;
        }

        if (TimedOut)
        {
            return $"timed out after {Duration.TotalSeconds:0.#}s";
        }

        return Cancelled ? "cancelled" : $"exited with {ExitCode}";
    }
}
