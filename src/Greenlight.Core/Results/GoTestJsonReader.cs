using Greenlight.Model;
using Greenlight.Stages;

namespace Greenlight.Results;

/// <summary>
/// Reads <c>go test -json</c> (test2json events, one JSON object a line). A case is a test or subtest
/// with its <c>run</c> event as start and its <c>pass</c>/<c>fail</c>/<c>skip</c> event as end; class
/// name is the package, as gotestsum writes it in JUnit. Lines that are not events (Go before 1.24
/// prints a build failure as plain text) and packages that fail without a failing test are Problems.
/// </summary>
public sealed partial class GoTestJsonReader(ResultReaderLimits? limits = null) : IResultReader
{
    private readonly ResultReaderLimits _limits = limits ?? ResultReaderLimits.Default;

    public string Format => "go-test-json";

    public bool CanRead(ReadOnlySpan<byte> head) => JsonHead.FirstObjectLineNames(head) is var names
        && names.Contains("Action") && names.Contains("Package");

    public Task<ResultFile> ReadAsync(string path, CancellationToken cancellationToken) =>
        Task.Run(() => new Session(path, _limits, cancellationToken).Read(), cancellationToken);
}
