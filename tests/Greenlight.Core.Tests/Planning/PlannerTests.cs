using Greenlight.Config;
using Greenlight.Planning;

namespace Greenlight.Core.Tests.Planning;

public sealed class PlannerTests
{
    private static SuiteConfig Suite(string id, int priority, string? category = null) =>
        new() { Id = id, Priority = priority, Category = category, Runner = "dotnet", Path = "/e2e" };

    private static readonly GreenlightConfig Config = new()
    {
        Project = "demo",
        SourcePath = "/repo/greenlight.yaml",
        RootDirectory = "/repo",
        Services = [],
        Suites = [Suite("p3-medium", 3, "api"), Suite("p1-critical", 1, "golden"), Suite("ws-events", 2, "websocket"), Suite("p2-high", 2, "api")],
        Focus = new Dictionary<string, IReadOnlyList<string>> { ["golden-path"] = ["p1-critical", "websocket"] },
    };

    [Fact]
    public void Plan_DefaultFocus_AllSuitesInPriorityPhases()
    {
        var plan = Planner.Plan(Config, null).Plan!;

        Assert.Equal("all", plan.Focus);
        Assert.Equal(["P1", "P2", "P3"], plan.Phases.Select(p => p.Label));
        Assert.Equal(["p1-critical", "ws-events", "p2-high", "p3-medium"], plan.Suites.Select(s => s.Id));
    }

    [Theory]
    [InlineData("golden-path", "p1-critical,ws-events")]
    [InlineData("p2", "ws-events,p2-high")]
    [InlineData("P1", "p1-critical")]
    [InlineData("p3-medium", "p3-medium")]
    [InlineData("api", "p2-high,p3-medium")]
    public void Plan_Focus_SelectsSuites(string focus, string expected)
    {
        var result = Planner.Plan(Config, focus);

        Assert.Null(result.Error);
        Assert.Equal(expected.Split(','), result.Plan!.Suites.Select(s => s.Id));
    }

    [Fact]
    public void Plan_FocusName_RationaleNamesTheFocus()
    {
        var plan = Planner.Plan(Config, "golden-path").Plan!;

        Assert.Equal("focus 'golden-path' from greenlight.yaml: p1-critical, websocket", plan.Rationale);
    }

    [Fact]
    public void Plan_UnknownFocus_ErrorWithHint()
    {
        var result = Planner.Plan(Config, "golden-pth");

        Assert.Null(result.Plan);
        Assert.StartsWith("unknown focus 'golden-pth'; did you mean 'golden-path'?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_PriorityWithNoSuites_Error()
    {
        Assert.Equal("focus 'p6' selects no suites", Planner.Plan(Config, "p6").Error);
    }
}
