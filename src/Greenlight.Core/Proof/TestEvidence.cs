using Greenlight.Model;
using Greenlight.Plugins;

namespace Greenlight.Proof;

/// <summary>Everything Greenlight knows about one test case, gathered before the rules run.</summary>
public sealed record TestEvidence
{
    public required TestCaseResult Case { get; init; }

    /// <summary>What the pytest plugin recorded for this test, when it ran.</summary>
    public PytestTestEvent? Pytest { get; init; }

    /// <summary>When the test ran (runner times, or the plugin's); null when the runner gave none.</summary>
    public TimeWindow? Window { get; init; }

    /// <summary>The duration judged: setup + call for pytest (plugin), the runner's duration otherwise.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Traffic tied to this test (by X-Greenlight-Test, else by window).</summary>
    public IReadOnlyList<TrafficRecord> Traffic { get; init; } = [];

    /// <summary>False when neither a window nor a matching X-Greenlight-Test exists: traffic rules cannot judge.</summary>
    public bool TrafficKnown { get; init; }

    /// <summary>How closely <see cref="Traffic"/> is tied to this test (<see cref="Model.ProofLevel"/>).</summary>
    public string Level { get; init; } = Model.ProofLevel.None;

    /// <summary>Median duration of this test's last passing runs; null without history.</summary>
    public TimeSpan? MedianDuration { get; init; }

    /// <summary>Captured output lines; null when the runner recorded no output for this test.</summary>
    public IReadOnlyList<string>? Output { get; init; }

    /// <summary>Services the test talked to, plus those the suite declares.</summary>
    public IReadOnlyList<string> TargetServices { get; init; } = [];

    public bool Passed => Case.Outcome == TestOutcome.Passed;
}
