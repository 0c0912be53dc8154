using Greenlight.Model;
using Greenlight.Results;

namespace Greenlight.Core.Tests.Results;

/// <summary>JUnit XML from pytest 7.2.1 (Debian) and xunit v3's --report-junit; see TestData/README.md.</summary>
public sealed class JUnitResultReaderTests
{
    private readonly JUnitResultReader _reader = new();

    [Fact]
    public async Task ReadAsync_PytestDefault_CountsTestCasesNotTheInflatedTestsAttribute()
    {
        var file = await _reader.ReadAsync(TestData.Path("pytest", "pytest-default.xml"), TestData.Timeout());

        Assert.True(file.IsComplete);
        Assert.Equal("junit", file.Format);
        Assert.Equal(12, file.Cases.Count); // the root says tests="13"
        Assert.Equal(5, file.Cases.Count(c => c.Outcome == TestOutcome.Passed));
        Assert.Equal(2, file.Cases.Count(c => c.Outcome == TestOutcome.Failed));
        Assert.Equal(2, file.Cases.Count(c => c.Outcome == TestOutcome.Error));
        Assert.Equal(3, file.Cases.Count(c => c.Outcome == TestOutcome.Skipped));
        Assert.Empty(file.CollectionErrors);
    }

    [Fact]
    public async Task ReadAsync_PytestDefault_KeepsMessagesNamesAndDurations()
    {
        var file = await _reader.ReadAsync(TestData.Path("pytest", "pytest-default.xml"), TestData.Timeout());
        var byName = file.Cases.ToDictionary(c => c.FullName);

        var failed = byName["test_sample.test_assertion_fails"];
        Assert.Equal("assert [1, 2, 3] == [1, 2, 4]", failed.Message);
        Assert.Contains("test_sample.py:24: AssertionError", failed.StackTrace, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMilliseconds(2), failed.Duration);

        Assert.Equal("failed on setup with \"RuntimeError: database unavailable during setup\"", byName["test_sample.test_setup_error"].Message);
        Assert.Equal(TestOutcome.Error, byName["test_sample.test_teardown_error"].Outcome);
        Assert.Equal("backend not deployed in this environment", byName["test_sample.test_skipped"].Message);
        Assert.Equal("known bug 123", byName["test_sample.test_xfail"].Message);
        Assert.Equal(TestOutcome.Passed, byName["test_sample.test_xpass"].Outcome); // non-strict xpass has no child
        Assert.Equal(TestOutcome.Failed, byName["test_sample.test_double[3-7]"].Outcome);
        Assert.Equal("test_sample.TestGrouped", byName["test_sample.TestGrouped.test_in_class"].ClassName);
        Assert.All(file.Cases, c => Assert.Null(c.Output)); // pytest writes no output without junit_logging
        Assert.All(file.Cases, c => Assert.Null(c.Started));
    }

    [Fact]
    public async Task ReadAsync_PytestLoggingAll_CapturesStdoutAndStderr()
    {
        var file = await _reader.ReadAsync(TestData.Path("pytest", "pytest-logging-all.xml"), TestData.Timeout());

        var passed = file.Cases.Single(c => c.Name == "test_passes");
        Assert.Contains("hello from stdout", passed.Output, StringComparison.Ordinal);
        Assert.Contains("hello from stderr", passed.Output, StringComparison.Ordinal);
        Assert.Equal(12, file.Cases.Count);
    }

    [Fact]
    public async Task ReadAsync_PytestCollectionError_FlagsModuleAsCollectionError()
    {
        var file = await _reader.ReadAsync(TestData.Path("pytest", "pytest-collection-error.xml"), TestData.Timeout());

        var broken = Assert.Single(file.Cases);
        Assert.Equal(TestOutcome.Error, broken.Outcome);
        Assert.Equal("tests.sub.test_bad", broken.Name);
        Assert.Equal(["tests.sub.test_bad"], file.CollectionErrors);
        var problem = Assert.Single(file.Problems);
        Assert.Contains("collection error in tests.sub.test_bad", problem, StringComparison.Ordinal);
        Assert.Contains("No module named 'tests.sub.renamed_module'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_PytestContinueOnCollectionErrors_KeepsTheCollectedTests()
    {
        var file = await _reader.ReadAsync(TestData.Path("pytest", "pytest-collection-error-continue.xml"), TestData.Timeout());

        Assert.Equal(2, file.Cases.Count);
        Assert.Equal(TestOutcome.Passed, file.Cases.Single(c => c.FullName == "tests.test_good.test_good").Outcome);
        Assert.Single(file.CollectionErrors);
    }

    [Fact]
    public async Task ReadAsync_XunitV3Junit_StripsTheRepeatedClassFromTheName()
    {
        var file = await _reader.ReadAsync(TestData.Path("xunit3", "xunit3.junit.xml"), TestData.Timeout());

        Assert.True(file.IsComplete);
        Assert.Equal(7, file.Cases.Count);
        Assert.Equal([3, 3, 1], [
            file.Cases.Count(c => c.Outcome == TestOutcome.Passed),
            file.Cases.Count(c => c.Outcome == TestOutcome.Failed),
            file.Cases.Count(c => c.Outcome == TestOutcome.Skipped)]);
        var login = file.Cases.Single(c => c.Name == "Login_ValidUser_ReturnsToken");
        Assert.Equal("Corpus.Xunit3.AgentTests.Login_ValidUser_ReturnsToken", login.FullName);
        Assert.Equal("POST /auth/login -> 200\n", login.Output);
        Assert.Equal(TimeSpan.FromSeconds(0.0243895), login.Duration);
        Assert.Equal("backend not deployed", file.Cases.Single(c => c.Outcome == TestOutcome.Skipped).Message);
        Assert.Equal("Assert.Equal() Failure: Values differ",
            file.Cases.Single(c => c.Name == "Double_Values(value: 3, expected: 7)").Message);
    }

    [Fact]
    public async Task ReadAsync_PytestFailureThenTeardownError_FoldsTheRepeatedCaseIntoOneErrorAndSaysSo()
    {
        var path = TestData.Path("pytest", "pytest-failure-and-teardown-error.xml");

        var file = await _reader.ReadAsync(path, TestData.Timeout());

        Assert.Equal(2, file.Cases.Count); // three testcase elements, two tests
        var problem = Assert.Single(file.Problems);
        Assert.StartsWith($"{path}:9:", problem, StringComparison.Ordinal); // the second element's line
        Assert.Contains("'test_fail_teardown.test_fails_then_teardown_errors' is written twice", problem, StringComparison.Ordinal);
        var folded = file.Cases.Single(c => c.Name == "test_fails_then_teardown_errors");
        Assert.Equal(TestOutcome.Error, folded.Outcome);
        Assert.Equal("failed on teardown with \"RuntimeError: logout failed during teardown\"", folded.Message);
        Assert.Equal(TimeSpan.FromMilliseconds(1), folded.Duration);
        Assert.Contains("AssertionError: assert 'token' == 'other-token'", folded.StackTrace, StringComparison.Ordinal); // the failure is kept
        Assert.Contains("RuntimeError: logout failed during teardown", folded.StackTrace, StringComparison.Ordinal);
    }
}
