namespace Greenlight.Proof;

public enum ProofCheckStatus
{
    /// <summary>The rule looked and found no sign of a fake.</summary>
    Ok,
    /// <summary>The rule found a sign of a fake; <see cref="ProofCheck.Detail"/> is the evidence.</summary>
    Unproven,
    /// <summary>The rule does not concern this test (a failure, another runner's feature).</summary>
    NotApplicable,
    /// <summary>The rule concerns this test but lacked the facts to decide; <see cref="ProofCheck.Detail"/> says which.</summary>
    NotEvaluated,
}

/// <summary>What one rule concluded about one test or suite.</summary>
public sealed record ProofCheck(string Code, ProofCheckStatus Status, string Detail)
{
    public static ProofCheck Ok(string code) => new(code, ProofCheckStatus.Ok, "");

    public static ProofCheck Unproven(string code, string evidence) => new(code, ProofCheckStatus.Unproven, evidence);

    public static ProofCheck NotApplicable(string code) => new(code, ProofCheckStatus.NotApplicable, "");

    public static ProofCheck NotEvaluated(string code, string why) => new(code, ProofCheckStatus.NotEvaluated, why);
}
