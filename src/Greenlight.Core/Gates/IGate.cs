namespace Greenlight.Gates;

/// <summary>
/// A check that must pass before anything is deployed (line endings, a compile, a user's command).
/// A gate never throws for a failing check: it returns a <see cref="GateResult"/> that says why.
/// </summary>
public interface IGate
{
    /// <summary>Shown in the worklog and used as the failure cluster's name, e.g. "line-endings".</summary>
    string Name { get; }

    Task<GateResult> RunAsync(GateContext context, CancellationToken cancellationToken);
}

/// <param name="RepositoryRoot">The repository (or config) root that commands and paths resolve against.</param>
/// <param name="ServiceDirectories">Folders of the services about to be deployed, absolute or relative to the root; empty means the whole root.</param>
/// <param name="LogDirectory">Where gate logs go (<c>&lt;run dir&gt;/logs</c>); null for none.</param>
public sealed record GateContext(string RepositoryRoot, IReadOnlyList<string> ServiceDirectories, string? LogDirectory = null);

public sealed record GateResult
{
    public required string Gate { get; init; }
    public required bool Passed { get; init; }
    public IReadOnlyList<GateFinding> Findings { get; init; } = [];
    public TimeSpan Duration { get; init; }
    /// <summary>One line for people: what was checked, or why it failed.</summary>
    public string Summary { get; init; } = "";
    /// <summary>The last output lines of a command gate (redacted), for the worklog.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];
    public string? LogPath { get; init; }
}

/// <param name="File">Repository-relative path with '/' separators.</param>
/// <param name="Line">1-based line, or null when the finding is about the whole file.</param>
public sealed record GateFinding(string File, int? Line, string Message)
{
    public override string ToString() => Line is { } line ? $"{File}:{line}: {Message}" : $"{File}: {Message}";
}
