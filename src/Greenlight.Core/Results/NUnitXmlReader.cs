using System.Globalization;
using Greenlight.Model;
using Greenlight.Stages;

namespace Greenlight.Results;

/// <summary>
/// Reads NUnit 3 XML (<c>test-run</c>), as the NUnit engine writes it (console runner, NUnitLite, the
/// adapter's <c>TestOutputXml</c>) and as NunitXml.TestLogger renders a VSTest run. Cases come from the
/// <c>test-case</c> elements; a fixture that failed with none of its cases failing (a OneTimeTearDown that
/// threw) failed outside any test and is a Problem. Suite counters are never read.
/// </summary>
public sealed partial class NUnitXmlReader(ResultReaderLimits? limits = null) : IResultReader
{
    private readonly ResultReaderLimits _limits = limits ?? ResultReaderLimits.Default;

    public string Format => "nunit3";

    public bool CanRead(ReadOnlySpan<byte> head) => XmlHead.RootName(head) is "test-run";

    public Task<ResultFile> ReadAsync(string path, CancellationToken cancellationToken) =>
        Task.Run(() => new Session(path, _limits, cancellationToken).Read(), cancellationToken);

    /// <summary>
    /// Failed with label Error, Cancelled or Invalid did not run to an assertion; Inconclusive is a test
    /// that declined to judge, like a skip. Anything else (Warning…) is not a clean pass, so it is an Error.
    /// </summary>
    public static TestOutcome MapResult(string? result, string? label) => (result, label) switch
    {
        ("Passed", _) => TestOutcome.Passed,
        ("Failed", "Error" or "Cancelled" or "Invalid") => TestOutcome.Error,
        ("Failed", _) => TestOutcome.Failed,
        ("Skipped" or "Inconclusive", _) => TestOutcome.Skipped,
        _ => TestOutcome.Error,
    };

    internal static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
