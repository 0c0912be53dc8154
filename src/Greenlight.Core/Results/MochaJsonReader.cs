using Greenlight.Model;
using Greenlight.Stages;

namespace Greenlight.Results;

/// <summary>
/// Reads mocha's <c>json</c> reporter. A case per entry of <c>tests</c> (failed when it carries an error,
/// skipped when it has no duration: mocha never ran it), plus an Error case per failed hook, which
/// mocha lists only under <c>failures</c>. Class name is the describe path, name the test's title.
/// mocha writes start and end times for the whole run only, so cases have no window of their own.
/// </summary>
public sealed partial class MochaJsonReader(ResultReaderLimits? limits = null) : IResultReader
{
    private readonly ResultReaderLimits _limits = limits ?? ResultReaderLimits.Default;

    public string Format => "mocha-json";

    public bool CanRead(ReadOnlySpan<byte> head) => JsonHead.TopLevelNames(head) is ["stats", ..];

    public Task<ResultFile> ReadAsync(string path, CancellationToken cancellationToken) =>
        SafeJson.ReadAsync(path, Format, _limits, MochaReportJson.Default.Report, Collect, cancellationToken);
}
