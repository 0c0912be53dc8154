using Greenlight.Model;
using Greenlight.Runs.History;

namespace Greenlight.Core.Tests.Runs;

/// <summary>A last run's tests given as a list (the store's own reading is tested in Greenlight.History.Tests).</summary>
internal sealed class ListedPreviousTests(IReadOnlyList<TestSnapshot> tests) : IPreviousTests
{
    public int Count => tests.Count;

    public int Failed => tests.Count(t => t.Status is TestStatus.Failed or TestStatus.Flaky);

    public Task<HistoryAnswer<int>> ReadAsync(string? suite, Action<TestSnapshot> visit, CancellationToken cancellationToken)
    {
        var read = 0;
        foreach (var test in tests.Where(t => suite is null || t.Suite == suite).OrderBy(t => t.Suite, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal))
        {
            visit(test);
            read++;
        }

        return Task.FromResult(HistoryAnswer<int>.Ok(read));
    }
}
