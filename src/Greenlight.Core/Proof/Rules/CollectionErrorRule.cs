using Greenlight.Model;

namespace Greenlight.Proof.Rules;

/// <summary><c>collection-error</c>: some files failed to collect, so their tests never ran.</summary>
public sealed class CollectionErrorRule : IProofRule
{
    public string Code => ProofReason.CollectionError;

    /// <summary>pytest's JUnit XML writes a failed collection as an error case with an empty classname.</summary>
    public static bool IsCollectionErrorCase(TestCaseResult c) =>
        c.Outcome == TestOutcome.Error && c.ClassName.Length == 0 &&
        (c.Message?.Contains("collection failure", StringComparison.OrdinalIgnoreCase) ?? false);

    public ProofCheck CheckSuite(SuiteEvidence suite)
    {
        // The runner's own list is more precise than the pseudo-cases, which name the same files.
        var errors = suite.CollectionErrors.Count > 0
            ? suite.CollectionErrors
            : [.. suite.Cases.Where(IsCollectionErrorCase).Select(c => $"{c.Name}: {c.Message}")];
        return errors.Count == 0
            ? ProofCheck.Ok(Code)
            : ProofCheck.Unproven(Code, $"{errors.Count} failed to collect: {string.Join("; ", errors)}");
    }
}
