using Greenlight.Model;

namespace Greenlight.Analysis;

/// <summary>One failed or errored test, as the clusterer sees it.</summary>
public sealed record FailureOccurrence
{
    public required string Suite { get; init; }
    public required string Test { get; init; }
    /// <summary>The phase label (e.g. "P1"), for the symptom line and pass rates.</summary>
    public string Phase { get; init; } = "";
    public string Runner { get; init; } = "";
    public TestOutcome Outcome { get; init; } = TestOutcome.Failed;
    /// <summary>The runner's message; the full text when the reader kept it, not only the first line.</summary>
    public string? Message { get; init; }
    /// <summary>Stack trace, or the failure body for formats (jest) that put everything there.</summary>
    public string? StackTrace { get; init; }
    public DateTimeOffset? Started { get; init; }
    public DateTimeOffset? Ended { get; init; }
    /// <summary>Not a test but a fact that explains the failures after it (a service that stopped during the run): its cluster is listed first.</summary>
    public bool IsCause { get; init; }

    /// <summary>The first frame or body line, shown next to the message.</summary>
    public string? StackHead => StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);

    /// <summary>When the failure happened, as well as the runner recorded it.</summary>
    public DateTimeOffset? At => Ended ?? Started;

    public static FailureOccurrence From(TestCaseResult result, string suite, string phase, string runner) => new()
    {
        Suite = suite,
        Test = result.FullName,
        Phase = phase,
        Runner = runner,
        Outcome = result.Outcome,
        Message = result.Message,
        StackTrace = result.StackTrace,
        Started = result.Started,
        Ended = result.Ended,
    };
}
