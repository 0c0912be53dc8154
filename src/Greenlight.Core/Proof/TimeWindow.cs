namespace Greenlight.Proof;

/// <summary>When a test ran, by the runner's clock.</summary>
public readonly record struct TimeWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End - Start;

    public bool Overlaps(DateTimeOffset start, DateTimeOffset end, TimeSpan slack) =>
        start <= End + slack && end >= Start - slack;

    /// <summary>How far an interval lies outside this window (zero when they overlap).</summary>
    public TimeSpan DistanceTo(DateTimeOffset start, DateTimeOffset end) =>
        end < Start ? Start - end : start > End ? start - End : TimeSpan.Zero;

    public override string ToString() => $"{Start:HH:mm:ss.fff}–{End:HH:mm:ss.fff}";
}
