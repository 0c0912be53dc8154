namespace Greenlight.Model;

/// <summary>
/// How closely traffic is tied to a test (docs/proof.md): <c>request</c> (its requests carried its
/// id), <c>window</c> (traffic inside the test's own start and end, with no other test running),
/// <c>suite</c> (only the suite's traffic as a whole), <c>none</c> (no recording proxy ran).
/// </summary>
public static class ProofLevel
{
    public const string Request = "request";
    public const string Window = "window";
    public const string Suite = "suite";
    public const string None = "none";

    /// <summary>Strongest first.</summary>
    public static readonly IReadOnlyList<string> All = [Request, Window, Suite, None];

    /// <summary>True when <paramref name="level"/> is at least as strong as <paramref name="minimum"/>.</summary>
    public static bool Meets(string level, string minimum) => Rank(level) <= Rank(minimum);

    /// <summary>0 for the strongest level; an unknown one ranks below them all.</summary>
    public static int Rank(string level) => level switch
    {
        Request => 0,
        Window => 1,
        Suite => 2,
        None => 3,
        _ => 4,
    };
}
