using Greenlight.Model;

namespace Greenlight.Results;

/// <summary>
/// Keeps every case of a file distinguishable: a case whose class and name repeat an earlier case of
/// the same file gets its occurrence as an ordinal in its name (<c>name [2]</c>, <c>name [3]</c>…), so
/// history and proof, which key on <see cref="TestCaseResult.FullName"/>, see two tests, not one.
/// The first occurrence keeps its name, so a test that stops repeating keeps its history.
/// </summary>
internal sealed class RepeatedNames
{
    private readonly Dictionary<(string ClassName, string Name), int> _seen = [];

    public TestCaseResult Number(TestCaseResult testCase)
    {
        var key = (testCase.ClassName, testCase.Name);
        _seen.TryGetValue(key, out var count);
        _seen[key] = ++count;
        if (count == 1)
        {
            return testCase;
        }

        // A real test may already be called "name [2]": take the next ordinal nobody uses.
        var ordinal = count;
        string numbered;
        while (_seen.ContainsKey((testCase.ClassName, numbered = $"{testCase.Name} [{ordinal}]")))
        {
            ordinal++;
        }

        _seen[(testCase.ClassName, numbered)] = 1;
        return testCase with { Name = numbered };
    }
}
