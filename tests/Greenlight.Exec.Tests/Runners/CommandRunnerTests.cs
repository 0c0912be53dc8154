using Greenlight.Model;
using Greenlight.Processes;
using Greenlight.Results;
using Greenlight.Runners;
using Greenlight.Secrets;
using static Greenlight.Exec.Tests.Runners.RunnerTestData;
using static Greenlight.Exec.Tests.TestSupport;

namespace Greenlight.Exec.Tests.Runners;

public sealed class CommandRunnerTests
{
    private readonly CommandRunner _runner = new(new ChildProcess(new SecretRedactor(), TimeProvider.System), ResultReaders.CreateDefault().Readers, TimeProvider.System);
    private readonly string _root = TempDirectory();

    [Fact]
    public async Task RunAsync_CommandWritesNoResults_ProblemNamingPattern()
    {
        var suite = Suite("command", _root) with { Command = "echo ran; exit 0", Results = "out/junit.xml" };

        var result = await _runner.RunAsync(suite, Context(_root), Timeout());

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Cases);
        Assert.Equal(["the command wrote no results matching 'out/junit.xml' (exited with 0)"], result.Problems);
    }

    [Fact]
    public async Task RunAsync_OnlyAStaleResultsFile_IgnoredWithProblem()
    {
        var stale = Path.Combine(_root, "junit-old.xml");
        await File.WriteAllTextAsync(stale, "<testsuite/>", Timeout());
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));
        var suite = Suite("command", _root) with { Command = "true", Results = "junit-*.xml" };

        var result = await _runner.RunAsync(suite, Context(_root), Timeout());

        Assert.Empty(result.ResultFiles);
        Assert.Contains($"results file {stale} was not written by this run (stale); ignored", result.Problems);
    }

    [Fact]
    public async Task RunAsync_ProgramMissing_Exit127AndOutputKept()
    {
        var context = Context(_root);
        var suite = Suite("command", _root) with { Command = "no-such-test-tool --ci", Results = "junit.xml" };

        var result = await _runner.RunAsync(suite, context, Timeout());

        Assert.Equal(127, result.ExitCode);
        Assert.Contains("the command wrote no results matching 'junit.xml' (exited with 127)", result.Problems);
        Assert.Contains("no-such-test-tool: not found", await File.ReadAllTextAsync(Path.Combine(context.SuiteDirectory, "output.log"), Timeout()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EnvironmentPassed_CommandSeesServiceUrl()
    {
        var suite = Suite("command", _root) with { Command = "echo \"$GREENLIGHT_BACKEND_URL\" > url.txt", Results = "none.xml" };

        await _runner.RunAsync(suite, Context(_root), Timeout());

        Assert.Equal("http://127.0.0.1:9", (await File.ReadAllTextAsync(Path.Combine(_root, "url.txt"), Timeout())).Trim());
    }

    [Fact]
    public async Task RunAsync_CommandRunsPytestWritingJUnit_CasesRead()
    {
        var root = RunnerTestData.Copy("pytest-suite");
        var suite = Suite("command", root) with { Command = "/usr/bin/python3 -m pytest -p no:cacheprovider --junitxml=reports/junit.xml", Results = "reports/*.xml" };

        var result = await _runner.RunAsync(suite, Context(root), Timeout(60));

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Problems);
        Assert.Equal(4, result.Cases.Count);
        Assert.Single(result.Cases, c => c.Outcome == TestOutcome.Failed);
    }

    [Fact]
    public async Task RunAsync_TruncatedJUnit_ProblemNotSilentPass()
    {
        var root = RunnerTestData.Copy("pytest-suite");
        var command = "/usr/bin/python3 -m pytest -p no:cacheprovider --junitxml=full.xml; head -c 300 full.xml > junit.xml";
        var suite = Suite("command", root) with { Command = command, Results = "junit.xml" };

        var result = await _runner.RunAsync(suite, Context(root), Timeout(60));

        Assert.Contains(result.Problems, p => p.Contains("truncated", StringComparison.Ordinal));
    }

    [Fact]
    public void Find_DoubleStarGlob_MatchesNestedFilesOnly()
    {
        Directory.CreateDirectory(Path.Combine(_root, "reports", "a", "b"));
        File.WriteAllText(Path.Combine(_root, "reports", "junit-top.xml"), "");
        File.WriteAllText(Path.Combine(_root, "reports", "a", "b", "junit-deep.xml"), "");
        File.WriteAllText(Path.Combine(_root, "reports", "a", "other.xml"), "");

        var found = ResultGlob.Find("reports/**/junit-*.xml", _root);

        Assert.Equal(["a/b/junit-deep.xml", "junit-top.xml"], found.Select(f => Path.GetRelativePath(Path.Combine(_root, "reports"), f)));
    }
}
