using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Greenlight.Benchmarks;
using Greenlight.Results;

// generate PATH [CASES]: write the benchmark file (for bench/junit-read.sh and bench/junit-million.sh).
// peak PATH: read it once with Greenlight's reader in a fresh process and print time, allocations and peak working set.
// stream PATH / tokenize PATH: the same for the streaming per-suite counts and for the tokenizer's own pass.
// probes [RUNS]: 100 concurrent probes in this fresh process, RUNS times (first run cold).
// anything else: BenchmarkDotNet.
switch (args)
{
    case ["generate", var path, ..]:
        JUnitFileGenerator.Write(path, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000);
        return 0;
    case ["peak", var path]:
        var stopwatch = Stopwatch.StartNew();
        var file = await new JUnitResultReader().ReadAsync(path, CancellationToken.None);
        stopwatch.Stop();
        using (var process = Process.GetCurrentProcess())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cases={file.Cases.Count} failed={file.Cases.Count(c => c.Outcome == Greenlight.Model.TestOutcome.Failed)} " +
                $"seconds={stopwatch.Elapsed.TotalSeconds:0.000} allocated_mb={GC.GetTotalAllocatedBytes() / 1048576.0:0.0} " +
                $"peak_working_set_mb={process.PeakWorkingSet64 / 1048576.0:0.0}"));
        }

        return 0;
    case ["stream", var path]:
        {
            var watch = Stopwatch.StartNew();
            var (suites, failures) = JUnitStreamCounts.Read(path);
            watch.Stop();
            Console.WriteLine(Figures($"suites={suites.Count} cases={suites.Sum(s => s.Cases)} failed={failures.Count}", watch.Elapsed));
            return 0;
        }

    case ["tokenize", var path]:
        {
            var watch = Stopwatch.StartNew();
            var characters = JUnitStreamCounts.Tokenize(path);
            watch.Stop();
            Console.WriteLine(Figures($"attribute_chars={characters}", watch.Elapsed));
            return 0;
        }

    case ["probes", ..]:
        return await ProbeFanOutOnce.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5);
    default:
        BenchmarkSwitcher.FromAssembly(typeof(JUnitReadBenchmark).Assembly).Run(args);
        return 0;
}

static string Figures(string what, TimeSpan elapsed)
{
    using var process = Process.GetCurrentProcess();
    return string.Create(CultureInfo.InvariantCulture,
        $"{what} seconds={elapsed.TotalSeconds:0.000} allocated_mb={GC.GetTotalAllocatedBytes() / 1048576.0:0.0} peak_working_set_mb={process.PeakWorkingSet64 / 1048576.0:0.0}");
}
