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
