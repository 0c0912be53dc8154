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
    /// <summary>
    /// Modules or files the runner could not collect (pytest's <c>collection failure</c>). Each one
    /// also appears in <see cref="Problems"/>; a runner sets <c>CollectionFailed</c> when this is not empty.
    /// </summary>
    public IReadOnlyList<string> CollectionErrors { get; init; } = [];

    public bool IsComplete => Problems.Count == 0;
}
