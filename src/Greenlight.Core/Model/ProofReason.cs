namespace Greenlight.Model;

/// <summary>Stable reason codes for a pass that is not proven (docs/proof.md, "The rules").</summary>
public static class ProofReason
{
    public const string ZeroDuration = "zero-duration";
    public const string DurationDrop = "duration-drop";
    public const string Skipped = "skipped";
    public const string NoTests = "no-tests";
    public const string CollectionError = "collection-error";
    public const string NoTraffic = "no-traffic";
    public const string ServerError = "server-error";
    public const string UnawaitedCoroutine = "unawaited-coroutine";
    public const string MockMarker = "mock-marker";
    public const string UnhealthyService = "unhealthy-service";
    /// <summary>A pass whose traffic cannot be tied to it at the level its suite requires (<c>proof.level</c>).</summary>
    public const string NoAttribution = "no-attribution";
    /// <summary>Tests that passed in the last run are missing from this run's report.</summary>
    public const string MissingTests = "missing-tests";

    /// <summary>Every code, in the order docs/proof.md lists them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        ZeroDuration, DurationDrop, Skipped, NoTests, CollectionError, NoTraffic, ServerError,
        UnawaitedCoroutine, MockMarker, UnhealthyService,
    ];
}
