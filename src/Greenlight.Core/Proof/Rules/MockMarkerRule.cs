using System.Text.RegularExpressions;
using Greenlight.Model;

namespace Greenlight.Proof.Rules;

/// <summary><c>mock-marker</c>: the test's output shows it used a stand-in for the real service.</summary>
public sealed class MockMarkerRule : IProofRule
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    public string Code => ProofReason.MockMarker;

    public ProofCheck CheckTest(TestEvidence test, SuiteEvidence suite)
    {
        if (!test.Passed) return ProofCheck.NotApplicable(Code);
        if (test.Output is null) return ProofCheck.NotEvaluated(Code, "the runner recorded no output for this test");
        foreach (var line in test.Output)
        {
            foreach (var pattern in suite.Config.MockPatterns)
            {
                if (Matches(line, pattern))
                {
                    return ProofCheck.Unproven(Code, $"output matched \"{pattern}\": {Shorten(line.Trim())}");
                }
            }
        }

        return ProofCheck.Ok(Code);
    }

    /// <summary>Plain patterns are case-insensitive substrings; <c>re:</c> patterns are regular expressions.</summary>
    public static bool Matches(string line, string pattern)
    {
        if (pattern.StartsWith("re:", StringComparison.Ordinal))
        {
            try
            {
                return Regex.IsMatch(line, pattern[3..], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        return line.Contains(pattern, StringComparison.OrdinalIgnoreCase);
    }

    private static string Shorten(string line) => line.Length <= 200 ? line : line[..200] + "…";
}
