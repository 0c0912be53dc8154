using Greenlight.Model;
using Greenlight.Results;

namespace Greenlight.Core.Tests.Results;

/// <summary>JUnit XML from JUnitXml.TestLogger (xunit v2), jest-junit and gotestsum; see TestData/README.md.</summary>
public sealed class JUnitProducerTests
{
    private readonly JUnitResultReader _reader = new();

    [Fact]
    public async Task ReadAsync_JUnitXmlTestLogger_PropertiesBecomeTraitsAndSuiteOutputIsKept()
    {
        var file = await _reader.ReadAsync(TestData.Path("xunit2", "xunit2.junit.xml"), TestData.Timeout());

        Assert.True(file.IsComplete);
        Assert.Equal(5, file.Cases.Count);
        var login = file.Cases.Single(c => c.Name == "Login_ValidUser_ReturnsToken");
        Assert.Equal("P1", login.Traits["Priority"]);
        Assert.StartsWith("POST /auth/login -> 200", login.Output, StringComparison.Ordinal);
        Assert.Contains("xUnit.net VSTest Adapter", login.Output, StringComparison.Ordinal); // suite-level system-out
        Assert.Empty(file.Cases.Single(c => c.Name == "Skipped_NotDeployed").Traits);
        Assert.Equal(TestOutcome.Skipped, file.Cases.Single(c => c.Name == "Skipped_NotDeployed").Outcome);
    }

    [Fact]
    public async Task ReadAsync_JestJunit_FailureWithoutMessageUsesFirstLineOfBody()
    {
        var file = await _reader.ReadAsync(TestData.Path("jest", "jest-junit.xml"), TestData.Timeout());

        Assert.Equal(6, file.Cases.Count); // the root says tests="5"
        var failed = file.Cases.Single(c => c.Name == "agents api throws unexpectedly");
        Assert.Equal(TestOutcome.Failed, failed.Outcome);
        Assert.Equal("", failed.ClassName); // jest repeats the title as classname
        Assert.Equal("Error: socket closed with 1011", failed.Message);
        Assert.Contains("agents.test.js:18:11", failed.StackTrace, StringComparison.Ordinal);
        Assert.Equal(TestOutcome.Skipped, file.Cases.Single(c => c.Name == "agents api streams tokens over websocket").Outcome);
    }

    [Fact]
    public async Task ReadAsync_JestJunitTestOutsideDescribe_NamedAsJestFullNameWithoutLeadingSpace()
    {
        var file = await _reader.ReadAsync(TestData.Path("jest", "jest-junit.xml"), TestData.Timeout());

        var top = Assert.Single(file.Cases, c => c.Name.EndsWith("top level passes", StringComparison.Ordinal));
        Assert.Equal("top level passes", top.FullName);
    }

    [Fact]
    public async Task ReadAsync_JestTodo_ReadsAsPassedWithZeroDuration()
    {
        var file = await _reader.ReadAsync(TestData.Path("jest", "jest-junit.xml"), TestData.Timeout());

        // jest-junit writes test.todo with no child: nothing in the XML tells it from a pass, so the
        // zero-duration proof rule is what keeps it from counting as proven.
        var todo = file.Cases.Single(c => c.Name == "agents api reconnects after close 1001");
        Assert.Equal(TestOutcome.Passed, todo.Outcome);
        Assert.Equal(TimeSpan.Zero, todo.Duration);
    }

    [Fact]
    public async Task ReadAsync_Gotestsum_ReadsSubtestsAndSkipReasonFromOutput()
    {
        var file = await _reader.ReadAsync(TestData.Path("gotestsum", "gotestsum.xml"), TestData.Timeout());

        Assert.True(file.IsComplete);
        Assert.Equal(7, file.Cases.Count);
        Assert.Equal(TestOutcome.Failed, file.Cases.Single(c => c.Name == "TestSub/bad").Outcome);
        Assert.Equal(TestOutcome.Passed, file.Cases.Single(c => c.Name == "TestSub/good").Outcome);
        var skipped = file.Cases.Single(c => c.Name == "TestWebSocketStream");
        Assert.Equal(TestOutcome.Skipped, skipped.Outcome);
        Assert.Equal("agents_test.go:21: backend not deployed in this environment", skipped.Message);
        Assert.Equal(TimeSpan.FromMilliseconds(10), file.Cases.Single(c => c.Name == "TestListAgents").Duration);
        Assert.Equal("example.com/agentchat.TestListAgents", file.Cases.Single(c => c.Name == "TestListAgents").FullName);
    }

    [Fact]
    public async Task ReadAsync_GotestsumBuildError_ReportsAProblemAndNoCases()
    {
        var path = TestData.Path("gotestsum", "gotestsum-build-error.xml");

        var file = await _reader.ReadAsync(path, TestData.Timeout());

        Assert.Empty(file.Cases);
        var problem = Assert.Single(file.Problems);
        Assert.Contains("declares 1 failure(s) or error(s) but its test cases carry 0 (of 0 case(s))", problem, StringComparison.Ordinal);
        Assert.StartsWith(path, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_XunitV3CleanupErrorOnlyInRootCounter_ReportsAProblem()
    {
        var file = await _reader.ReadAsync(TestData.Path("xunit3", "xunit3-cleanup-error.junit.xml"), TestData.Timeout());

        var only = Assert.Single(file.Cases);
        Assert.Equal(TestOutcome.Passed, only.Outcome);
        var problem = Assert.Single(file.Problems);
        Assert.Contains("suite 'Test results' declares 1 failure(s) or error(s) but its test cases carry 0 (of 1 case(s))", problem, StringComparison.Ordinal);
    }
}
