using Greenlight.Proof.Rules;

namespace Greenlight.Proof;

/// <summary>The built-in rules, one per code of <see cref="Model.ProofReason"/> (docs/proof.md).</summary>
public static class ProofRules
{
    public static IReadOnlyList<IProofRule> All { get; } =
    [
        new ZeroDurationRule(), new DurationDropRule(), new SkippedRule(), new NoTestsRule(),
        new CollectionErrorRule(), new NoTrafficRule(), new ServerErrorRule(),
        new UnawaitedCoroutineRule(), new MockMarkerRule(), new UnhealthyServiceRule(),
    ];
}
