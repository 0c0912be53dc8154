namespace Greenlight.Analysis;

/// <summary>Failures that share one signature, across suites and runners, oldest first.</summary>
public sealed record FailureCluster(FailureSignature Signature, IReadOnlyList<FailureOccurrence> Occurrences)
{
    public int Count => Occurrences.Count;

    public IReadOnlyList<string> Suites => [.. Occurrences.Select(o => o.Suite).Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<string> Tests => [.. Occurrences.Select(o => o.Test).Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<string> Phases => [.. Occurrences.Select(o => o.Phase).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>Distinct raw messages (first lines), for the symptom: the normalised title hides the values.</summary>
    public IReadOnlyList<string> Messages =>
        [.. Occurrences.Select(o => (o.Message ?? o.StackHead ?? "").Split('\n')[0].Trim()).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal)];

    public DateTimeOffset? FirstFailure => Occurrences.Select(o => o.Started ?? o.Ended).Where(t => t.HasValue).Min();

    /// <summary>The moment the first test failed (its end): an event during that test, after it started, still came before the failure.</summary>
    public DateTimeOffset? FirstFailedAt => Occurrences.Select(o => o.At).Where(t => t.HasValue).Min();

    public DateTimeOffset? LastFailure => Occurrences.Select(o => o.At).Where(t => t.HasValue).Max();
}
