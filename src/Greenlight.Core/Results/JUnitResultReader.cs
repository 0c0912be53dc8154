using Greenlight.Model;
using Greenlight.Stages;

namespace Greenlight.Results;

/// <summary>
/// Reads JUnit XML as written by pytest, xunit v3, JUnitXml.TestLogger, jest-junit, gotestsum and
/// Surefire. Cases come from the <c>testcase</c> elements only: suite counters disagree between producers
/// (gotestsum omits skipped and errors; pytest counts a teardown error twice), so they only spot a suite
/// that declares failures no case carries (a gotestsum build error).
/// </summary>
public sealed partial class JUnitResultReader(ResultReaderLimits? limits = null) : IResultReader
{
    private readonly ResultReaderLimits _limits = limits ?? ResultReaderLimits.Default;

    public string Format => "junit";

    public bool CanRead(ReadOnlySpan<byte> head) => XmlHead.RootName(head) is "testsuites" or "testsuite";

    // XmlReader's async API costs more than the read itself on large files: parse synchronously, off the caller's thread.
    public Task<ResultFile> ReadAsync(string path, CancellationToken cancellationToken) =>
        Task.Run(() => new Session(path, _limits, cancellationToken).Read(), cancellationToken);
}
