using BenchmarkDotNet.Attributes;
using Greenlight.Results;

namespace Greenlight.Benchmarks;

/// <summary>
/// A million JUnit cases three ways (docs/benchmarks.md, "Reading JUnit XML"): the tokenizer's own pass
/// (the floor), the streaming read into per-suite counts and failures, and Greenlight's
/// <see cref="JUnitResultReader"/>, which keeps every case. In process; 2 warm-ups, 7 measured iterations.
/// </summary>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(2)]
[IterationCount(7)]
public class JUnitStreamBenchmark
{
    private const int Cases = 1_000_000;
    private string _path = "";

    [GlobalSetup]
    public void Generate()
    {
        _path = Path.Combine(Path.GetTempPath(), $"greenlight-bench-stream-{Environment.ProcessId}.xml");
        JUnitFileGenerator.Write(_path, Cases);
    }

    [GlobalCleanup]
    public void Delete() => File.Delete(_path);

    [Benchmark(Baseline = true)]
    public long TokenizerPass() => JUnitStreamCounts.Tokenize(_path);

    [Benchmark]
    public int StreamingCounts()
    {
        var (suites, _) = JUnitStreamCounts.Read(_path);
        return suites.Sum(s => s.Cases) == Cases ? suites.Count : throw new InvalidOperationException("wrong count");
    }

    [Benchmark]
    public async Task<int> GreenlightReaderKeepsEveryCase()
    {
        var file = await new JUnitResultReader().ReadAsync(_path, CancellationToken.None);
        return file.Cases.Count == Cases && file.IsComplete ? file.Cases.Count : throw new InvalidOperationException("wrong count");
    }
}
