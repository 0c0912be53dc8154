using Greenlight.Model;
using Greenlight.Results;

namespace Greenlight.Core.Tests.Results;

public sealed class RepeatedNamesTests
{
    [Fact]
    public void Number_SameClassAndNameThreeTimes_KeepsTheFirstAndNumbersTheOthers()
    {
        var repeats = new RepeatedNames();

        var names = Enumerable.Range(0, 3).Select(_ => repeats.Number(Case("Suite", "login")).Name).ToList();

        Assert.Equal(["login", "login [2]", "login [3]"], names);
    }

    [Fact]
    public void Number_SameNameInAnotherClass_IsNotARepeat()
    {
        var repeats = new RepeatedNames();
        repeats.Number(Case("Suite", "login"));

        Assert.Equal("login", repeats.Number(Case("Other", "login")).Name);
    }

    [Fact]
    public void Number_ATestAlreadyNamedWithTheOrdinal_GetsTheNextFreeOne()
    {
        var repeats = new RepeatedNames();
        repeats.Number(Case("Suite", "login"));
        repeats.Number(Case("Suite", "login [2]"));

        Assert.Equal("login [3]", repeats.Number(Case("Suite", "login")).Name);
    }

    private static TestCaseResult Case(string className, string name) =>
        new() { Name = name, ClassName = className, Outcome = TestOutcome.Passed };
}
