using Greenlight.Config;
using Greenlight.Stages;

namespace Greenlight.Runners;

public sealed partial class DotnetTestRunner
{
    public async Task<TestListing> ListAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken)
    {
        var (terms, filterProblem) = TraitFilter.Parse(suite.Filter);
        if (filterProblem is not null)
        {
            return new TestListing([], [filterProblem]);
        }

        var build = await BuildAsync(suite, context, cancellationToken).ConfigureAwait(false);
        if (build.Failure is not null)
        {
            return new TestListing([], [build.Failure]);
        }

        var lines = new List<string>();
        var workingDirectory = build.Platform == DotnetTestPlatform.VsTest ? context.RepositoryRoot : Path.GetDirectoryName(build.Assembly)!;
        var spec = RunnerRun.Spec(dotnet, Arguments(build, suite, terms, "", listOnly: true), workingDirectory, context, suite.Timeout, Path.Combine(context.SuiteDirectory, "list.log"))
            with { OnLine = line => { lock (lines) { lines.Add(line); } } };
        var process = await processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        List<string> tests;
        lock (lines)
        {
            tests = build.Platform == DotnetTestPlatform.VsTest ? ParseVsTestListing(lines) : ParseListing(lines);
        }

        var problems = new List<string>();
        if (process.ExitCode == 8)
        {
            problems.Add(ExitProblem(8, suite.Filter)!);
        }
        else if (!process.Succeeded)
        {
            problems.Add($"listing tests {process.Describe()}{RunnerRun.LastLines(process)}");
        }

        return new TestListing(tests, problems);
    }

    /// <summary>MTP prints each test indented by two spaces, then a "Test discovery summary" block.</summary>
    public static List<string> ParseListing(IEnumerable<string> lines) =>
        [.. lines.TakeWhile(l => !l.StartsWith("Test discovery summary", StringComparison.Ordinal))
            .Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Trim().Length > 0)
            .Select(l => l.Trim())];

    /// <summary><c>dotnet test --list-tests</c> (VSTest): the tests follow "The following Tests are available:", indented.</summary>
    public static List<string> ParseVsTestListing(IEnumerable<string> lines) =>
        [.. lines.SkipWhile(l => !l.TrimStart().StartsWith("The following Tests are available", StringComparison.Ordinal)).Skip(1)
            .Where(l => l.StartsWith("    ", StringComparison.Ordinal) && l.Trim().Length > 0)
            .Select(l => l.Trim())];
}
