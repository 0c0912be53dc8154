using Greenlight.Model;
using Greenlight.Stages;

namespace Greenlight.Results;

/// <summary>
/// Reads jest's <c>--json</c> report. A case per assertion result, named by its full title with no class
/// name, as the JUnit reader names jest-junit's cases, so history carries over between the two formats.
/// A test file that failed without a failing test (it did not load, or a hook outside tests threw)
/// is an Error case "Test suite failed to run", as jest-junit writes it. jest gives per-test durations
/// but start and end times only per file, so cases have no window of their own.
/// </summary>
public sealed partial class JestJsonReader(ResultReaderLimits? limits = null) : IResultReader
{
    private readonly ResultReaderLimits _limits = limits ?? ResultReaderLimits.Default;

    public string Format => "jest-json";

    public bool CanRead(ReadOnlySpan<byte> head) => JsonHead.TopLevelNames(head).Contains("numTotalTestSuites");

    public Task<ResultFile> ReadAsync(string path, CancellationToken cancellationToken) =>
        SafeJson.ReadAsync(path, Format, _limits, JestReportJson.Default.Report, Collect, cancellationToken);

    /// <summary>jest's statuses; pending is a skip, todo and disabled never ran.</summary>
    public static TestOutcome MapStatus(string? status) => status switch
    {
        "passed" => TestOutcome.Passed,
        "failed" => TestOutcome.Failed,
        "pending" or "skipped" or "todo" or "disabled" => TestOutcome.Skipped,
        _ => TestOutcome.Error,
    };
}
