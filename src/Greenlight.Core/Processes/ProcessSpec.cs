namespace Greenlight.Processes;

/// <summary>What to start: a program and its argument array, never a string to split.</summary>
public sealed record ProcessSpec
{
    public required string FileName { get; init; }
    public IReadOnlyList<string> Arguments { get; init; } = [];
    public string? WorkingDirectory { get; init; }
    /// <summary>Added to (or overriding) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>Null for no timeout (a service that runs until stopped).</summary>
    public TimeSpan? Timeout { get; init; }
    /// <summary>Every output line (stdout and stderr, redacted) is appended here.</summary>
    public string? LogPath { get; init; }
    /// <summary>Prefix each logged line with its UTC time (service logs, so failure windows can be cut).</summary>
    public bool TimestampLines { get; init; }
    /// <summary>Called with each redacted output line, from a reader thread.</summary>
    public Action<string>? OnLine { get; init; }
    /// <summary>How long a tree gets between SIGTERM and SIGKILL.</summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>A user's shell command line, run by <c>/bin/sh -c</c>.</summary>
    public static ProcessSpec Shell(string command) => new() { FileName = "/bin/sh", Arguments = ["-c", command] };

    /// <summary>The command as people read it (arguments with spaces quoted).</summary>
    public string Display() =>
        string.Join(' ', new[] { FileName }.Concat(Arguments).Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) || a.Contains('"') ? "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'" : a));
}
