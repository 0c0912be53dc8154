using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Greenlight.Model;

namespace Greenlight.Analysis.Comparison;

/// <summary>
/// The test half of a comparison, built one test at a time: the later side is held as a map of statuses,
/// the earlier side is fed in one test at a time (so it can come from the history store as it is read),
/// and only the changed tests become rows. The first test of a repeated (suite, name) counts on each side.
/// </summary>
public sealed class TestComparer
{
    private readonly Dictionary<(string Suite, string Name), Later> _after;
    private readonly HashSet<(string Suite, string Name)> _notRun = [];
    private readonly List<TestComparison> _rows = [];
    private int _unchanged;

    /// <param name="expected">How many tests the later side will have (its map is made that size once).</param>
    public TestComparer(int expected = 0) => _after = new(expected);

    /// <summary>A test of the later side (this run or iteration).</summary>
    public void After(string suite, string name, TestStatus status) => _after.TryAdd((suite, name), new Later(status, false));

    /// <summary>A test of the earlier side; call after every <see cref="After"/>.</summary>
    public void Before(TestSnapshot test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var key = (test.Suite, test.Name);
        ref var later = ref CollectionsMarshal.GetValueRefOrNullRef(_after, key);
        if (Unsafe.IsNullRef(ref later))
        {
            if (_notRun.Add(key))
            {
                _rows.Add(Row(key, test.Status, null));
            }

            return;
        }

        if (later.Seen)
        {
            return;
        }

        later = later with { Seen = true };
        if (ResultComparer.Classify(test.Status, later.Status) == TestChange.Unchanged)
        {
            _unchanged++;
        }
        else
        {
            _rows.Add(Row(key, test.Status, later.Status));
        }
    }

    /// <summary>The changed tests, most urgent change first, and how many did not change.</summary>
    public (IReadOnlyList<TestComparison> Rows, int Unchanged) Finish()
    {
        var rows = _rows.Concat(_after.Where(a => !a.Value.Seen).Select(a => Row(a.Key, null, a.Value.Status)))
            .OrderBy(r => r.Change)
            .ThenBy(r => r.Suite, StringComparer.Ordinal)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        return (rows, _unchanged);
    }

    private static TestComparison Row((string Suite, string Name) key, TestStatus? before, TestStatus? after) =>
        new(key.Suite, key.Name, before, after, ResultComparer.Classify(before, after));

    private readonly record struct Later(TestStatus Status, bool Seen);
}
