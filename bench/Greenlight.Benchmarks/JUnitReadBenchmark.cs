using BenchmarkDotNet.Attributes;
using Greenlight.Results;

namespace Greenlight.Benchmarks;

/// <summary>Reads a generated JUnit file of a million test cases (docs/benchmarks.md, "Reading JUnit XML").</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class JUnitReadBenchmark
{
    private const int Cases = 1_000_000;
    private string _path = "";

    [GlobalSetup]
    public void Generate()
    {
        _path = Path.Combine(Path.GetTempPath(), $"greenlight-bench-junit-{Environment.ProcessId}.xml");
        JUnitFileGenerator.Write(_path, Cases);
    }

    [GlobalCleanup]
    public void Delete() => File.Delete(_path);

    [Benchmark]
    public async Task<int> ReadMillionCases()
    {
        var file = await new JUnitResultReader().ReadAsync(_path, CancellationToken.None);
        return file.Cases.Count == Cases && file.IsComplete ? file.Cases.Count : throw new InvalidOperationException("wrong count");
    }
}
