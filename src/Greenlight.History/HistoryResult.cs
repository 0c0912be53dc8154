namespace Greenlight.History;

/// <summary>
/// A history operation's outcome. History is never worth failing a run for: a corrupt, locked
/// or unreachable database gives <see cref="Error"/>, which the run reports as
/// "history not saved: …" and goes on.
/// </summary>
public sealed record HistoryResult<T>(T? Value, string? Error)
{
    public bool Succeeded => Error is null;

    public static HistoryResult<T> Ok(T value) => new(value, null);

    public static HistoryResult<T> Fail(string error) => new(default, error);
}

/// <summary>The result of a write: no value, only whether it happened.</summary>
public readonly record struct Saved;
