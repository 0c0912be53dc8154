using Greenlight.Model;

namespace Greenlight.Config;

/// <summary>A suite's <c>proof:</c> block (docs/proof.md). Every key is optional.</summary>
public sealed record ProofConfig
{
    /// <summary>Default mock patterns: what fallbacks print when they replace the real service.</summary>
    public static readonly IReadOnlyList<string> DefaultMockPatterns =
    [
        "MockWebSocket", "FakeWebSocket", "MockHttp", "FakeHttp", "MockClient", "FakeClient",
        "mock fallback", "falling back to mock", "fallback to mock", "using mock", "mock mode",
        "MagicMock", "AsyncMock",
    ];

    public static readonly ProofConfig Default = new();

    /// <summary><c>min_duration_ms</c>: a pass faster than this is <c>zero-duration</c>.</summary>
    public double MinDurationMs { get; init; } = 1;

    /// <summary><c>require_traffic</c>: false turns <c>no-traffic</c> off (the worklog says so).</summary>
    public bool RequireTraffic { get; init; } = true;

    /// <summary><c>mock_patterns</c>: case-insensitive substrings, or regular expressions written <c>re:...</c>.</summary>
    public IReadOnlyList<string> MockPatterns { get; init; } = DefaultMockPatterns;

    /// <summary><c>disabled</c>: rule code → the reason it is off for this suite, shown in the worklog.</summary>
    public IReadOnlyDictionary<string, string> Disabled { get; init; } = new Dictionary<string, string>();

    /// <summary><c>clock_skew_ms</c>: how far a request may fall outside every test window and still be tied to the nearest one.</summary>
    public double ClockSkewMs { get; init; } = 250;

    /// <summary><c>duration_drop_ratio</c>: a pass faster than this share of its median is <c>duration-drop</c>.</summary>
    public double DurationDropRatio { get; init; } = 0.1;

    /// <summary>
    /// <c>level</c>: the weakest proof level a pass may have and still count as proven. A suite whose
    /// runner cannot tie traffic test by test may accept <c>suite</c>, with <see cref="LevelReason"/>.
    /// </summary>
    public string Level { get; init; } = ProofLevel.Window;

    /// <summary><c>level_reason</c>: why a lower level is accepted; the worklog shows it.</summary>
    public string? LevelReason { get; init; }

    /// <summary>Line of the first key of the suite's <c>proof:</c> block, for messages about it; 0 for the defaults.</summary>
    public int Line { get; init; }

    public TimeSpan MinDuration => TimeSpan.FromMilliseconds(MinDurationMs);

    public TimeSpan ClockSkew => TimeSpan.FromMilliseconds(ClockSkewMs);

    /// <summary>Problems with the values, for the config loader to report with file and line.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MinDurationMs < 0) problems.Add("proof.min_duration_ms must be 0 or more");
        if (ClockSkewMs < 0) problems.Add("proof.clock_skew_ms must be 0 or more");
        if (DurationDropRatio is < 0 or >= 1) problems.Add("proof.duration_drop_ratio must be at least 0 and below 1");
        foreach (var (code, reason) in Disabled)
        {
            if (!ProofReason.All.Contains(code)) problems.Add($"proof.disabled: unknown rule '{code}' (known: {string.Join(", ", ProofReason.All)})");
            if (string.IsNullOrWhiteSpace(reason)) problems.Add($"proof.disabled.{code}: give the reason the rule is off");
        }

        foreach (var pattern in MockPatterns)
        {
            if (string.IsNullOrWhiteSpace(pattern)) problems.Add("proof.mock_patterns: empty pattern");
        }

        return problems;
    }
}
