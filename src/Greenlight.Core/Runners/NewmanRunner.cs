using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Plugins;
using Greenlight.Processes;
using Greenlight.Results;
using Greenlight.Stages;

namespace Greenlight.Runners;

/// <summary>
/// <c>newman run &lt;tagged copy&gt; -r cli,junit</c>: the user's Postman collection (<c>path:</c>) is
/// copied with a pre-request script that tags every request with the name its assertions get in
/// newman's JUnit report (<see cref="NewmanCollection"/>), so every check is tied to its own request.
/// The suite's <c>env</c> entries are also given to the collection as <c>--env-var NAME=VALUE</c>
/// (a collection cannot read the process environment). The checks the collection's scripts define
/// are its listing: one the report lacks (a request that failed hid it) is named as missing.
/// newman is <c>node_modules/.bin/newman</c> in the collection's folder or one above it up to the
/// repository root, else <c>newman</c> on PATH.
/// </summary>
public sealed class NewmanRunner(ChildProcess processes, IEnumerable<IResultReader> readers) : ITestRunner
{
    private readonly ResultReaders _results = new([.. readers]);

    public string Name => RunnerNames.Newman;

    public Task<TestListing> ListAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(new TestListing(NewmanCollection.Checks(suite.Path), []));
        }
        catch (InvalidDataException e)
        {
            return Task.FromResult(new TestListing([], [e.Message]));
        }
    }

    public async Task<SuiteRunResult> RunAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.SuiteDirectory);
        var results = RunnerRun.FreshResultsDirectory(context);
        var junit = Path.Combine(results, "newman.xml");
        NewmanCollection.Tagged tagged;
        IReadOnlyList<string> expected;
        try
        {
            tagged = NewmanCollection.WriteTagged(suite.Path, Path.Combine(context.SuiteDirectory, "tagged." + Path.GetFileName(suite.Path)));
            expected = NewmanCollection.Checks(suite.Path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return new SuiteRunResult { SuiteId = suite.Id, CommandLine = "newman run " + suite.Path, Problems = [e.Message], CollectionFailed = true };
        }

        var newman = Executable(suite.Path, context.RepositoryRoot);
        IReadOnlyList<string> arguments =
        [
            "run", tagged.Path, "-r", "cli,junit", "--reporter-junit-export", junit, "--disable-unicode", "--color", "off",
            .. suite.Environment.Keys.Order(StringComparer.Ordinal).SelectMany(name => new[] { "--env-var", $"{name}={context.Environment.GetValueOrDefault(name)}" }),
            .. suite.Args,
        ];
        var workingDirectory = Path.GetDirectoryName(suite.Path) ?? context.RepositoryRoot;
        var spec = RunnerRun.Spec(newman, arguments, workingDirectory, context, suite.Timeout, RunnerRun.OutputPath(context));
        var process = await processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        var result = RunnerRun.Base(suite, spec, process, processes, cancellationToken);
        var problems = result.Problems.ToList();
        if (process.StartFailure is not null && newman == "newman")
        {
            problems.Add($"newman was not found in node_modules/.bin from {workingDirectory} up to {context.RepositoryRoot}, nor on PATH: "
                + "npm install newman in the collection's folder");
        }

        if (!File.Exists(junit))
        {
            if (process.StartFailure is null && !process.TimedOut)
            {
                problems.Add($"newman wrote no JUnit report ({process.Describe()}{RunnerRun.LastLines(process)})");
            }

            return result with { Problems = problems, Expected = expected };
        }

        var read = await _results.ReadAsync(junit, cancellationToken).ConfigureAwait(false);
        problems.AddRange(read.Problems);
        if (process.ExitCode is not (null or 0) && !read.Cases.Any(c => c.Outcome is TestOutcome.Failed or TestOutcome.Error))
        {
            // A request that failed before its checks ran: newman counts it, the report has no case for it.
            problems.Add($"newman {process.Describe()} but its report shows no failed check (a request or script error; see output.log)");
        }

        return result with
        {
            Cases = read.Cases,
            Problems = problems,
            CollectionFailed = read.CollectionErrors.Count > 0,
            ResultFiles = [junit],
            Expected = expected,
        };
    }

    private static string Executable(string collection, string repositoryRoot)
    {
        var root = Path.GetFullPath(repositoryRoot);
        for (var folder = Path.GetDirectoryName(Path.GetFullPath(collection)); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            var candidate = Path.Combine(folder, "node_modules", ".bin", "newman");
            if (File.Exists(candidate))
            {
                return candidate;
            }

            if (string.Equals(folder.TrimEnd('/'), root.TrimEnd('/'), StringComparison.Ordinal))
            {
                break;
            }
        }

        return "newman";
    }
}
