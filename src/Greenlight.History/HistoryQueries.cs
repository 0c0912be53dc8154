namespace Greenlight.History;

/// <summary>One row of <c>greenlight history</c>'s recent runs; counts are of the last iteration.</summary>
public sealed record HistoryRunSummary(
    string Id,
    DateTimeOffset Started,
    DateTimeOffset? Ended,
    string Verdict,
    string Focus,
    int IterationCount,
    int Passed,
    int Failed,
    int Skipped,
    int Unproven);

/// <param name="Group">The suite id or the phase label.</param>
public sealed record PassRate(string Group, int Passed, int ProvenPassed, int Total)
{
    public double Rate => Total == 0 ? 0 : (double)Passed / Total;
}

public sealed record TestKey(string Suite, string Name);

/// <param name="FlipRate">Pass/fail changes between consecutive runs, divided by (runs − 1).</param>
/// <param name="RetryPasses">Times it failed and then passed on a retry within one run.</param>
public sealed record FlakyTest(string Suite, string Name, int Runs, int Flips, double FlipRate, int RetryPasses);

public sealed record SignatureSighting(string RunId, DateTimeOffset At, int Count, int RunsSeen);

public sealed record SlowTest(string Suite, string Name, double MeanMs, double MaxMs, int Runs);

public sealed record OpenCluster(string Signature, string Title, int Count, int RunsSeen, DateTimeOffset FirstSeen);
