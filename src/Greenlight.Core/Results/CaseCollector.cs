using Greenlight.Model;

namespace Greenlight.Results;

/// <summary>The cases and problems of one file as a reader finds them; every case kept, repeats numbered.</summary>
internal sealed class CaseCollector(string path, string format)
{
    private readonly List<TestCaseResult> _cases = [];
    private readonly List<string> _problems = [];
    private readonly RepeatedNames _repeats = new();

    public string Path { get; } = path;

    public int Count => _cases.Count;

    public void Add(TestCaseResult testCase) => _cases.Add(_repeats.Number(testCase));

    public void Problem(string problem) => _problems.Add(problem);

    public ResultFile ToResult() => new(Path, format, _cases, _problems);
}
