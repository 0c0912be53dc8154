namespace Greenlight.Proof;

/// <summary>
/// One sign of a fake pass, with a stable code (docs/proof.md). A rule reads the facts already
/// gathered; it never runs anything. Suite-level rules override <see cref="CheckSuite"/>,
/// per-test rules <see cref="CheckTest"/>.
/// </summary>
public interface IProofRule
{
    string Code { get; }

    ProofCheck CheckSuite(SuiteEvidence suite) => ProofCheck.NotApplicable(Code);

    ProofCheck CheckTest(TestEvidence test, SuiteEvidence suite) => ProofCheck.NotApplicable(Code);
}
