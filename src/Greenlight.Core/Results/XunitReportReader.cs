using System.Globalization;
using Greenlight.Model;
using Greenlight.Stages;

namespace Greenlight.Results;

/// <summary>
/// Reads xunit's own XML report (<c>--report-xunit</c>, schema v3 and the v2 shape): the only .NET
/// format that carries every trait, plus per-test start and finish times (<c>start-rtf</c>,
/// <c>finish-rtf</c>, written by xunit v3), skip reasons and output.
/// </summary>
public sealed partial class XunitReportReader(ResultReaderLimits? limits = null) : IResultReader
{
    private readonly ResultReaderLimits _limits = limits ?? ResultReaderLimits.Default;

    public string Format => "xunit";

    public bool CanRead(ReadOnlySpan<byte> head) => XmlHead.RootName(head) is "assemblies" or "assembly";

    public Task<ResultFile> ReadAsync(string path, CancellationToken cancellationToken) =>
        Task.Run(() => new Session(path, _limits, cancellationToken).Read(), cancellationToken);

    /// <summary>NotRun is a test the run did not execute (e.g. explicit tests): never a pass.</summary>
    public static TestOutcome MapResult(string? result) => result switch
    {
        "Pass" => TestOutcome.Passed,
        "Fail" => TestOutcome.Failed,
        "Skip" or "NotRun" => TestOutcome.Skipped,
        _ => TestOutcome.Error,
    };

    private static TimeSpan ParseSeconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && double.IsFinite(seconds) && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.Zero;
}
