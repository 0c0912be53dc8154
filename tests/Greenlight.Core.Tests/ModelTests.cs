using Greenlight.Model;

namespace Greenlight.Core.Tests;

public sealed class ModelTests
{
    [Fact]
    public void FullName_WithClassName_JoinsWithDot()
    {
        var result = new TestCaseResult { Name = "T001", ClassName = "Suite.P1", Outcome = TestOutcome.Passed };
        Assert.Equal("Suite.P1.T001", result.FullName);
    }

    [Fact]
    public void Verdict_ExitCodes_MatchDesign()
    {
        Assert.Equal(3, (int)Verdict.Unproven);
        Assert.Equal(4, (int)Verdict.Blocked);
    }
}
