namespace Greenlight.Model;

/// <summary>
/// What a result reader made of one file: the cases, plus problems that make the file
/// untrustworthy (truncated XML, a build error recorded only on the root) as values.
/// </summary>
public sealed record ResultFile(
    string Path,
    string Format,
    IReadOnlyList<TestCaseResult> Cases,
    IReadOnlyList<string> Problems)
{
    public bool IsComplete => Problems.Count == 0;
}
