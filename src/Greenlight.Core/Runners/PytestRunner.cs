using Greenlight.Config;
using Greenlight.Plugins;
using Greenlight.Processes;
using Greenlight.Results;
using Greenlight.Stages;

namespace Greenlight.Runners;

/// <summary>
/// <c>INTERPRETER -m pytest PATH --junitxml=&lt;suite&gt;/results/junit.xml</c> with output captured in
/// the XML, no cache, <c>-k</c> from the filter and the suite's args, run in the repository root.
/// <c>-x</c> is not passed for FailFast: Greenlight stops between phases, never inside a suite.
/// </summary>
public sealed class PytestRunner(ChildProcess processes, IEnumerable<IResultReader> readers, string interpreter = PytestRunner.DefaultInterpreter) : ITestRunner
{
    /// <summary>Debian's interpreter, the one that has python3-pytest.</summary>
    public const string DefaultInterpreter = "/usr/bin/python3";
    private readonly ResultReaders _results = new([.. readers]);

    public string Name => "pytest";

    public static IReadOnlyList<string> RunArguments(SuiteConfig suite, string junitPath) =>
    [
        "-m", "pytest", .. Targets(suite), $"--junitxml={junitPath}", "-o", "junit_family=xunit2", "-o", "junit_logging=all", "-p", "no:cacheprovider",
        .. Filter(suite), .. suite.Args,
    ];

    public async Task<SuiteRunResult> RunAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.SuiteDirectory);
        var junit = Path.Combine(RunnerRun.FreshResultsDirectory(context), "junit.xml");
        var output = new PytestOutput();
        var events = Path.Combine(Path.GetDirectoryName(junit)!, "pytest-events.jsonl");
        var spec = RunnerRun.Spec(interpreter, [.. RunArguments(suite, junit), .. PytestPlugin.Arguments], context.RepositoryRoot, context with
            {
                Environment = WithPlugin(context.Environment, events),
            }, suite.Timeout, RunnerRun.OutputPath(context))
            with { OnLine = output.Add };
        var process = await processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        var result = RunnerRun.Base(suite, spec, process, processes, cancellationToken);
        var problems = result.Problems.ToList();
        if (process.StartFailure is null)
        {
            problems.AddRange(ExitProblems(process, suite, output.CollectionErrors.Count > 0));
        }

        if (process.TimedOut || process.StartFailure is not null || process.ExitCode == 5)
        {
            problems.AddRange(output.CollectionErrors);
            return result with { Problems = problems, ResultFiles = File.Exists(junit) ? [junit] : [] };
        }

        var file = await _results.ReadAsync(junit, cancellationToken).ConfigureAwait(false);
        var pytest = File.Exists(events) ? await PytestEventsReader.ReadAsync(events, cancellationToken).ConfigureAwait(false) : null;
        // The XML names each module that failed to collect; the terminal output does when there is no XML.
        problems.AddRange(file.Problems);
        if (file.CollectionErrors.Count == 0)
        {
            problems.AddRange(output.CollectionErrors);
        }

        return result with
        {
            // A module that failed to import is not a test that failed: its tests never ran, so the suite
            // is unproven (collection-error), and the module is named in the problems.
            Cases = [.. file.Cases.Where(c => !(c.ClassName.Length == 0 && file.CollectionErrors.Contains(c.Name)))],
            Problems = problems,
            CollectionFailed = output.CollectionErrors.Count > 0 || file.CollectionErrors.Count > 0,
            ResultFiles = File.Exists(junit) ? [junit] : [],
            Pytest = pytest,
        };
    }

    private static Dictionary<string, string> WithPlugin(IReadOnlyDictionary<string, string> environment, string eventsPath)
    {
        var merged = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        var existing = merged.GetValueOrDefault("PYTHONPATH") ?? System.Environment.GetEnvironmentVariable("PYTHONPATH");
        foreach (var (name, value) in PytestPlugin.Environment(eventsPath, existing))
        {
            merged[name] = value;
        }

        return merged;
    }

    public async Task<TestListing> ListAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.SuiteDirectory);
        var output = new PytestOutput();
        var spec = RunnerRun.Spec(interpreter, ["-m", "pytest", suite.Path, "--collect-only", "-q", "-p", "no:cacheprovider", .. Filter(suite), .. suite.Args],
            context.RepositoryRoot, context, suite.Timeout, Path.Combine(context.SuiteDirectory, "list.log")) with { OnLine = output.Add };
        var process = await processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var problems = output.CollectionErrors.Concat(ExitProblems(process, suite, output.CollectionErrors.Count > 0)).ToList();
        return new TestListing(output.NodeIds, problems);
    }

    /// <summary>The suite's path, or a shard's node ids (relative to the repository root, where pytest runs).</summary>
    private static IReadOnlyList<string> Targets(SuiteConfig suite) => suite.OnlyTests is { } only ? [.. only] : [suite.Path];

    private static IReadOnlyList<string> Filter(SuiteConfig suite) => string.IsNullOrWhiteSpace(suite.Filter) ? [] : ["-k", suite.Filter];

    private static IEnumerable<string> ExitProblems(ProcessResult process, SuiteConfig suite, bool collectionErrors)
    {
        if (process.StartFailure is not null)
        {
            yield return $"pytest {process.Describe()}";
        }
        else if (process.TimedOut)
        {
            yield break;
        }
        else if (process.ExitCode == 5)
        {
            yield return suite.Filter is null ? "no tests collected" : $"no tests collected (filter '{suite.Filter}' matched nothing)";
        }
        else if (process.ExitCode == 2 && !collectionErrors)
        {
            yield return "pytest was interrupted (exit 2)" + RunnerRun.LastLines(process);
        }
        else if (process.ExitCode is 3 or 4)
        {
            yield return $"pytest {(process.ExitCode == 3 ? "internal" : "usage")} error (exit {process.ExitCode})" + RunnerRun.LastLines(process);
        }
        else if (process.ExitCode is not (0 or 1 or 2))
        {
            yield return $"pytest {process.Describe()}" + RunnerRun.LastLines(process);
        }
    }
}
