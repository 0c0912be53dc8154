using Greenlight.Runners;

namespace Greenlight.Exec.Tests.Runners;

public sealed class TraitFilterTests
{
    [Fact]
    public void ToArguments_KeyValueTerms_TraitAndNotTraitArguments()
    {
        var (arguments, problem) = TraitFilter.ToArguments("Priority=P1; Category != slow");

        Assert.Null(problem);
        Assert.Equal(["--filter-trait", "Priority=P1", "--filter-not-trait", "Category=slow"], arguments);
    }

    [Fact]
    public void ToArguments_Empty_NoArguments() => Assert.Empty(TraitFilter.ToArguments(null).Arguments);

    [Theory]
    [InlineData("Priority")]
    [InlineData("=P1")]
    [InlineData("Priority=P1=P2")]
    public void ToArguments_NotKeyValue_Problem(string filter)
    {
        var (arguments, problem) = TraitFilter.ToArguments(filter);

        Assert.Empty(arguments);
        Assert.StartsWith("filter term", problem, StringComparison.Ordinal);
    }
}
