using System.Runtime;

namespace Greenlight.Runs.Testing;

/// <summary>
/// After the results of a suite with a very large number of tests are read, and again after it is
/// judged, the memory the step left behind is handed back at once: a million cases leave hundreds of
/// MB of dead objects (the reader's tables, the proof's per-test objects) in the oldest generation,
/// which the collector would otherwise keep, and grow, until long after (docs/benchmarks.md, "A
/// million test cases"). The run's record does the same after its first outputs and after history
/// (the save and the comparison with the last run). Below the threshold nothing is done: an ordinary
/// suite pays nothing.
/// </summary>
internal static class LargeSuites
{
    public const int Threshold = 100_000;

    public static void Release(int tests)
    {
        if (tests < Threshold)
        {
            return;
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
