namespace Greenlight.Model;

/// <summary>One progress step as the run reported it (already masked), with the time it was reported: the run's timeline.</summary>
public sealed record TrailStep(DateTimeOffset At, string Stage, string Subject, string Text, bool? Ok);
