using Greenlight.Model;
using Greenlight.Processes;
using Greenlight.Results;
using Greenlight.Runners;
using Greenlight.Secrets;
using static Greenlight.Exec.Tests.Runners.RunnerTestData;
using static Greenlight.Exec.Tests.TestSupport;

namespace Greenlight.Exec.Tests.Runners;

public sealed class PytestRunnerTests
{
    private readonly PytestRunner _runner = new(new ChildProcess(new SecretRedactor(), TimeProvider.System), ResultReaders.CreateDefault().Readers);

    [Fact]
    public async Task ListAsync_RealSuite_NodeIdsFromCollectOnly()
    {
        var root = Copy("pytest-suite");

        var listing = await _runner.ListAsync(Suite("pytest", root), Context(root), Timeout(60));

        Assert.Empty(listing.Problems);
        Assert.Equal(["test_service_url_is_passed", "test_health_is_up", "test_health_after_crash", "test_later"], listing.Tests.Select(t => t.Split("::")[1]));
    }

    [Fact]
    public async Task RunAsync_ShardNodeIds_OnlyThoseTestsRan()
    {
        var root = Copy("pytest-suite");
        var listing = await _runner.ListAsync(Suite("pytest", root), Context(root), Timeout(60));
        var mine = listing.Tests.Where(t => t.EndsWith("::test_health_is_up", StringComparison.Ordinal) || t.EndsWith("::test_later", StringComparison.Ordinal))
            .Select(t => Path.Combine(root, t)).ToList();

        var result = await _runner.RunAsync(Suite("pytest", root) with { OnlyTests = mine }, Context(root), Timeout(120));

        Assert.Equal(["test_health_is_up", "test_later"], result.Cases.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListAsync_FilterMatchesNothing_NoTestsCollectedProblem()
    {
        var root = Copy("pytest-suite");

        var listing = await _runner.ListAsync(Suite("pytest", root, filter: "nothing_like_this"), Context(root), Timeout(60));

        Assert.Empty(listing.Tests);
        Assert.Equal(["no tests collected (filter 'nothing_like_this' matched nothing)"], listing.Problems);
    }

    [Fact]
    public async Task RunAsync_FilterMatchesNothing_Exit5AndProblem()
    {
        var root = Copy("pytest-suite");
        var context = Context(root);

        var result = await _runner.RunAsync(Suite("pytest", root, filter: "nothing_like_this"), context, Timeout(60));

        Assert.Equal(5, result.ExitCode);
        Assert.Empty(result.Cases);
        Assert.Contains("no tests collected (filter 'nothing_like_this' matched nothing)", result.Problems);
        Assert.True(File.Exists(Path.Combine(context.SuiteDirectory, "output.log")));
    }

    [Fact]
    public async Task RunAsync_ImportErrorInTestFile_CollectionFailedNamingFileAndError()
    {
        var root = Copy("pytest-broken");

        var result = await _runner.RunAsync(Suite("pytest", root), Context(root), Timeout(60));

        Assert.Equal(2, result.ExitCode);
        Assert.True(result.CollectionFailed);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("collection error in test_broken", problem, StringComparison.Ordinal);
        Assert.Contains("No module named 'agentchat_client'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SuiteOverTimeout_TimedOutAndTestChildKilled()
    {
        var root = Copy("pytest-slow");
        var context = Context(root);

        var result = await _runner.RunAsync(Suite("pytest", root, timeoutSeconds: 3), context, Timeout(60));

        Assert.True(result.TimedOut);
        Assert.Contains(result.Problems, p => p.StartsWith("suite timed out after 3s", StringComparison.Ordinal));
        Assert.True(IsGone(await ReadPidFileAsync(Path.Combine(root, "child.pid"), Timeout())));
    }

    [Fact]
    public async Task RunAsync_RealSuite_OutcomesFromJUnitAndEnvironmentPassed()
    {
        var root = Copy("pytest-suite");
        var context = Context(root);

        var result = await _runner.RunAsync(Suite("pytest", root), context, Timeout(60));

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Problems);
        Assert.False(result.CollectionFailed);
        Assert.Equal(
            [("test_health_after_crash", TestOutcome.Failed), ("test_health_is_up", TestOutcome.Passed), ("test_later", TestOutcome.Skipped), ("test_service_url_is_passed", TestOutcome.Passed)],
            result.Cases.Select(c => (c.Name, c.Outcome)).Order());
        Assert.Equal([Path.Combine(context.SuiteDirectory, "results", "junit.xml")], result.ResultFiles);
        Assert.Contains("assert 503 == 200", await File.ReadAllTextAsync(result.OutputPath!, Timeout()), StringComparison.Ordinal);
    }

    [Fact]
    public void RunArguments_FilterAndArgs_KeywordAndNoStopOnFirstFailure()
    {
        var suite = Suite("pytest", "/repo/tests", filter: "health and not crash") with { Args = ["-v"] };

        var arguments = PytestRunner.RunArguments(suite, "/run/results/junit.xml");

        Assert.Equal(
            ["-m", "pytest", "/repo/tests", "--junitxml=/run/results/junit.xml", "-o", "junit_family=xunit2", "-o", "junit_logging=all", "-p", "no:cacheprovider", "-k", "health and not crash", "-v"],
            arguments);
    }
}
