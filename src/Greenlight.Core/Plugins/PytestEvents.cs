using Greenlight.Model;

namespace Greenlight.Plugins;

/// <summary>What the pytest plugin wrote for one run of a suite.</summary>
public sealed record PytestEvents
{
    public IReadOnlyList<PytestTestEvent> Tests { get; init; } = [];
    public IReadOnlyList<PytestCollectError> CollectErrors { get; init; } = [];
    /// <summary>Items collected, from the session line; null when the session did not finish.</summary>
    public int? Collected { get; init; }
    public int? ExitStatus { get; init; }
    /// <summary>Malformed lines or a missing session line, as facts for the worklog.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Test cases as a result reader would give them, with the plugin's windows (for runs without JUnit XML).</summary>
    public IReadOnlyList<TestCaseResult> ToCaseResults() => [.. Tests.Select(t => t.ToCaseResult())];
}

public sealed record PytestCollectError(string NodeId, string Message);

public sealed record PytestWarning(string Category, string Message, string? File, int? Line)
{
    public bool IsUnawaitedCoroutine => Message.Contains("was never awaited", StringComparison.Ordinal);

    public override string ToString() => Line is null ? $"{Category}: {Message}" : $"{Category}: {Message} ({Path.GetFileName(File)}:{Line})";
}

public sealed record PytestTestEvent
{
    public required string NodeId { get; init; }
    public DateTimeOffset? Started { get; init; }
    public DateTimeOffset? Ended { get; init; }
    /// <summary>Setup, call and teardown together, as pytest's JUnit XML reports it.</summary>
    public TimeSpan Duration { get; init; }
    /// <summary>The setup phase (fixtures); null when setup did not report.</summary>
    public TimeSpan? SetupDuration { get; init; }
    /// <summary>The call phase alone (setup and teardown excluded); null when the call never ran.</summary>
    public TimeSpan? CallDuration { get; init; }

    /// <summary>
    /// What the proof rules judge: setup (fixtures that talk to services) plus the test body.
    /// Teardown is left out: it is mostly pytest's own bookkeeping and would hide a no-op body.
    /// </summary>
    public TimeSpan WorkDuration => CallDuration is { } call ? call + (SetupDuration ?? TimeSpan.Zero) : Duration;
    public required TestOutcome Outcome { get; init; }
    public string? SkipReason { get; init; }
    public bool Xfail { get; init; }
    public bool Xpass { get; init; }
    public IReadOnlyList<PytestWarning> Warnings { get; init; } = [];
    public IReadOnlyList<string> Output { get; init; } = [];
    public bool OutputTruncated { get; init; }

    /// <summary>The classname pytest's JUnit XML gives this test (path dotted, classes appended).</summary>
    public string ClassName => PytestNodeId.ToJUnit(NodeId).ClassName;

    public string Name => PytestNodeId.ToJUnit(NodeId).Name;

    public string FullName => ClassName.Length == 0 ? Name : $"{ClassName}.{Name}";

    public TestCaseResult ToCaseResult() => new()
    {
        Name = Name,
        ClassName = ClassName,
        Outcome = Outcome,
        Duration = Duration,
        Started = Started,
        Ended = Ended,
        Message = SkipReason,
        Output = Output.Count == 0 ? null : string.Join('\n', Output),
    };
}
