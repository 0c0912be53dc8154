using System.Globalization;
using Greenlight.Model;
using Greenlight.Stages;

namespace Greenlight.Results;

/// <summary>
/// Reads Visual Studio TRX as written by VSTest's trx logger, Microsoft.Testing.Platform's
/// <c>--report-trx</c> and xunit v3's <c>--report-xunit-trx</c>. Results are joined to their
/// definitions by test id; the ResultSummary counters are never read (VSTest miscounts skips).
/// </summary>
public sealed partial class TrxResultReader(ResultReaderLimits? limits = null) : IResultReader
{
    private readonly ResultReaderLimits _limits = limits ?? ResultReaderLimits.Default;

    public string Format => "trx";

    public bool CanRead(ReadOnlySpan<byte> head) => XmlHead.RootName(head) is "TestRun";

    public Task<ResultFile> ReadAsync(string path, CancellationToken cancellationToken) =>
        Task.Run(() => new Session(path, _limits, cancellationToken).Read(), cancellationToken);

    /// <summary>Passed, Failed and NotExecuted are what they say; anything else (Timeout, Aborted, Error, Inconclusive…) did not finish cleanly.</summary>
    public static TestOutcome MapOutcome(string? outcome) => outcome switch
    {
        "Passed" => TestOutcome.Passed,
        "Failed" => TestOutcome.Failed,
        "NotExecuted" => TestOutcome.Skipped,
        _ => TestOutcome.Error,
    };

    internal static TimeSpan ParseDuration(string? value) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var duration) && duration >= TimeSpan.Zero ? duration : TimeSpan.Zero;

    internal static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? time : null;
}
