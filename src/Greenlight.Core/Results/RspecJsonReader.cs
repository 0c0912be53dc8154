using Greenlight.Model;
using Greenlight.Stages;

namespace Greenlight.Results;

/// <summary>
/// Reads RSpec's <c>--format json</c>. A case per example: class name is the example group's description,
/// name the example's. Errors outside of examples (a failing <c>after(:context)</c>, a spec file that does
/// not load) belong to no example and are a Problem. RSpec writes no per-example times, only run times.
/// </summary>
public sealed partial class RspecJsonReader(ResultReaderLimits? limits = null) : IResultReader
{
    private static readonly string[] SecondNames = ["messages", "seed", "examples", "summary"];

    private readonly ResultReaderLimits _limits = limits ?? ResultReaderLimits.Default;

    public string Format => "rspec-json";

    public bool CanRead(ReadOnlySpan<byte> head) => JsonHead.TopLevelNames(head) is ["version", var second, ..] && SecondNames.Contains(second);

    public Task<ResultFile> ReadAsync(string path, CancellationToken cancellationToken) =>
        SafeJson.ReadAsync(path, Format, _limits, RspecReportJson.Default.Report, Collect, cancellationToken);

    /// <summary>pending covers skip, pending and xit; a pending example that passes is reported failed by RSpec itself.</summary>
    public static TestOutcome MapStatus(string? status) => status switch
    {
        "passed" => TestOutcome.Passed,
        "failed" => TestOutcome.Failed,
        "pending" => TestOutcome.Skipped,
        _ => TestOutcome.Error,
    };
}
