using System.Text.RegularExpressions;

namespace Greenlight.Guards;

/// <summary>
/// The signs of a test taught to accept a failure, for C# (xunit, NUnit, MSTest), Python (pytest,
/// unittest), JavaScript (jest, mocha, vitest) and Go. Deliberately textual: it reads the diff a
/// person would read, and each finding quotes the line.
/// </summary>
public static partial class TamperingRules
{
    [GeneratedRegex(@"\[\s*(Fact|Theory)\s*\([^\]]*\bSkip\s*=|\bAssert\.Skip(When|Unless)?\s*\(|\[\s*Ignore\b|\bSkip\.(If|Unless)\s*\(|@pytest\.mark\.(skip|skipif|xfail)\b|\bpytest\.(skip|xfail)\s*\(|@unittest\.(skip|skipIf|skipUnless|expectedFailure)\b|\bself\.skipTest\s*\(|\b(it|test|describe|context)\.(skip|only|todo)\s*\(|\bx(it|test|describe)\s*\(|\bt\.Skip(f|Now)?\s*\(")]
    public static partial Regex Skip();

    [GeneratedRegex(@"\bAssert\.\w+\s*\(|\bassert\b|\bexpect\s*\(|\.Should\(\)|\bself\.assert\w+\s*\(|\bt\.(Error|Errorf|Fatal|Fatalf|Fail|FailNow)\s*\(|\brequire\.\w+\s*\(")]
    public static partial Regex Assertion();

    [GeneratedRegex(@"\bAssert\.True\s*\(\s*true\s*\)|\bAssert\.False\s*\(\s*false\s*\)|^\s*assert\s+(True|1|not\s+False)\s*(#.*)?$|\bexpect\s*\(\s*true\s*\)\.toBe(Truthy)?\s*\(\s*(true)?\s*\)|\bAssert\.Pass\s*\(")]
    public static partial Regex TriviallyTrue();

    [GeneratedRegex(@"\[\s*(Fact|Theory|Test|TestMethod|TestCase|SkippableFact)\b|^\s*(async\s+)?def\s+test\w*\s*\(|\b(x?it|x?test)(\.\w+)?\s*\(\s*['""`]|^\s*func\s+Test\w*\s*\(")]
    public static partial Regex TestDeclaration();

    /// <summary>Every tampering finding in one test file's diff.</summary>
    public static IEnumerable<GuardFinding> Find(string file, FileDiff diff)
    {
        foreach (var line in diff.Added.Where(l => Skip().IsMatch(l.Text)))
        {
            yield return new GuardFinding(GuardCodes.AddedSkip, file, line.Number, false, line.Text.Trim());
        }

        foreach (var line in diff.Added.Where(l => TriviallyTrue().IsMatch(l.Text)))
        {
            yield return new GuardFinding(GuardCodes.WeakenedAssertion, file, line.Number, false, line.Text.Trim());
        }

        // A rewritten line removes and adds an assertion; only a net loss is a removal.
        var removedAsserts = diff.Removed.Where(l => Assertion().IsMatch(l.Text)).ToList();
        var addedAsserts = diff.Added.Count(l => Assertion().IsMatch(l.Text) && !TriviallyTrue().IsMatch(l.Text));
        if (removedAsserts.Count > addedAsserts)
        {
            foreach (var line in removedAsserts)
            {
                yield return new GuardFinding(GuardCodes.RemovedAssertion, file, line.Number, true, line.Text.Trim());
            }
        }

        var removedTests = diff.Removed.Where(l => TestDeclaration().IsMatch(l.Text)).ToList();
        if (removedTests.Count > diff.Added.Count(l => TestDeclaration().IsMatch(l.Text)))
        {
            foreach (var line in removedTests)
            {
                yield return new GuardFinding(GuardCodes.DeletedTest, file, line.Number, true, line.Text.Trim());
            }
        }
    }
}
