using Greenlight.Processes;

namespace Greenlight.Gates;

/// <summary>One entry of <c>gates.commands</c>: a shell command that must exit 0 before deploying.</summary>
public sealed record CommandGateConfig
{
    public required string Name { get; init; }
    public required string Run { get; init; }
    /// <summary>Relative to the repository root; null for the root itself.</summary>
    public string? WorkingDirectory { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
}

/// <summary>Runs a user's <c>gates:</c> command through <c>/bin/sh -c</c>; exit 0 passes, the output tail is the evidence.</summary>
public sealed class CommandGate(CommandGateConfig config, ChildProcess processes) : IGate
{
    private const int EvidenceLines = 15;

    public string Name => config.Name;

    public async Task<GateResult> RunAsync(GateContext context, CancellationToken cancellationToken)
    {
        var log = context.LogDirectory is { } dir ? Path.Combine(dir, $"gate-{SafeName(config.Name)}.log") : null;
        var spec = ProcessSpec.Shell(config.Run) with
        {
            WorkingDirectory = Path.GetFullPath(config.WorkingDirectory ?? ".", context.RepositoryRoot),
            Timeout = config.Timeout,
            LogPath = log,
        };
        var result = await processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        var command = processes.Redactor.Redact(config.Run);
        return new GateResult
        {
            Gate = config.Name,
            Passed = result.Succeeded,
            Duration = result.Duration,
            Summary = result.Succeeded ? $"`{command}` passed" : $"`{command}` {result.Describe()}",
            Evidence = result.Succeeded ? [] : [.. result.Tail.TakeLast(EvidenceLines)],
            LogPath = log,
        };
    }

    private static string SafeName(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
}
