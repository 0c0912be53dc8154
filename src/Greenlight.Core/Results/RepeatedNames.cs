using Greenlight.Model;

namespace Greenlight.Results;

/// <summary>
/// Keeps every case of a file distinguishable: a case whose full name (class and name) repeats an earlier case of
/// the same file gets its occurrence as an ordinal in its name (<c>name [2]</c>, <c>name [3]</c>…), so
/// history and proof, which key on <see cref="TestCaseResult.FullName"/>, see two tests, not one.
/// The first occurrence keeps its name, so a test that stops repeating keeps its history.
/// </summary>
internal sealed class RepeatedNames
{
    // Keyed by the full name the case already holds: no second string or tuple per case (a million-case file).
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    public TestCaseResult Number(TestCaseResult testCase)
    {
        _seen.TryGetValue(testCase.FullName, out var count);
        _seen[testCase.FullName] = ++count;
        if (count == 1)
        {
            return testCase;
        }

        // A real test may already be called "name [2]": take the next ordinal nobody uses.
        var name = testCase.Name;
        var ordinal = count;
        TestCaseResult numbered;
        while (_seen.ContainsKey((numbered = testCase with { Name = $"{name} [{ordinal}]" }).FullName))
        {
            ordinal++;
        }

        _seen[numbered.FullName] = 1;
        return numbered;
    }
}
