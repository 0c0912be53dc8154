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
    public void FullName_ChangedWithWith_FollowsTheNewNameAndClass()
    {
        var result = new TestCaseResult { ClassName = "Suite.P1", Name = "T001", Outcome = TestOutcome.Passed };

        Assert.Equal("Suite.P1.T001 [2]", (result with { Name = "T001 [2]" }).FullName);
        Assert.Equal("Other.T001", (result with { ClassName = "Other" }).FullName);
        Assert.Equal("T001", (result with { ClassName = "" }).FullName);
        Assert.Equal(result, result with { });
    }

    [Fact]
    public void Verdict_ExitCodes_MatchDesign()
    {
        Assert.Equal(3, (int)Verdict.Unproven);
        Assert.Equal(4, (int)Verdict.Blocked);
    }
}
