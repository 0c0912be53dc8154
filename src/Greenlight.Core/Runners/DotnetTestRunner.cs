using System.Collections.Concurrent;
using Greenlight.Config;
using Greenlight.Processes;
using Greenlight.Results;
using Greenlight.Stages;

namespace Greenlight.Runners;

/// <summary>
/// xunit v3 on Microsoft.Testing.Platform: builds the project once (<c>dotnet build PATH -c Release</c>),
/// then runs the built test assembly (<c>dotnet exec</c>) with the trait filter, the xunit TRX and
/// xunit XML reports in <c>&lt;suite&gt;/results</c>, and the suite's own args. <c>FailFast</c> is not
/// passed on: Greenlight stops between phases, not inside a suite.
/// </summary>
public sealed partial class DotnetTestRunner(ChildProcess processes, IEnumerable<IResultReader> readers, string dotnet = "dotnet") : ITestRunner
{
    public const string TrxFile = "results.trx";
    public const string XunitFile = "results.xunit.xml";
    private readonly ResultReaders _results = new([.. readers]);
    private readonly ConcurrentDictionary<string, Lazy<Task<BuildOutcome>>> _builds = new(StringComparer.Ordinal);

    public string Name => "dotnet";

    public async Task<SuiteRunResult> RunAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.SuiteDirectory);
        var (filter, filterProblem) = TraitFilter.ToArguments(suite.Filter);
        var build = await BuildAsync(suite, context, cancellationToken).ConfigureAwait(false);
        if (filterProblem is not null || build.Failure is not null)
        {
            return new SuiteRunResult
            {
                SuiteId = suite.Id,
                CommandLine = $"{dotnet} build {suite.Path} -c Release",
                ExitCode = build.ExitCode,
                Problems = [filterProblem ?? build.Failure!],
                CollectionFailed = true,
                OutputPath = build.LogPath,
            };
        }

        var results = RunnerRun.FreshResultsDirectory(context);
        var spec = RunnerRun.Spec(dotnet, RunArguments(build.Assembly!, filter, results, suite.Args), Path.GetDirectoryName(build.Assembly)!, context, suite.Timeout, RunnerRun.OutputPath(context));
        var process = await processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        var result = RunnerRun.Base(suite, spec, process, processes, cancellationToken);
        return await ReadResultsAsync(result, suite, process, results, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The arguments after <c>dotnet</c>, for a built test assembly.</summary>
    public static IReadOnlyList<string> RunArguments(string assembly, IReadOnlyList<string> filter, string resultsDirectory, IReadOnlyList<string> extra) =>
    [
        "exec", assembly, .. filter,
        "--report-xunit-trx", "--report-xunit-trx-filename", TrxFile,
        "--report-xunit", "--report-xunit-filename", XunitFile,
        "--results-directory", resultsDirectory, "--no-progress", "--no-ansi", .. extra,
    ];
}
