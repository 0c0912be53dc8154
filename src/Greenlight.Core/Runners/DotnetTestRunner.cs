using System.Collections.Concurrent;
using Greenlight.Config;
using Greenlight.Processes;
using Greenlight.Results;
using Greenlight.Stages;

namespace Greenlight.Runners;

/// <summary>
/// .NET test projects: builds the project once (<c>dotnet build PATH -c Release</c>), then runs it
/// the way its test platform runs (<see cref="DotnetTestPlatform"/>): xunit v3, MSTest's or NUnit's
/// Microsoft.Testing.Platform runner and TUnit by <c>dotnet exec</c> of the built assembly; a VSTest
/// project (Microsoft.NET.Test.Sdk) by <c>dotnet test --no-build</c>. Each writes a TRX report to
/// <c>&lt;suite&gt;/results</c> (xunit v3 also its xunit XML, for traits), with the filter in its own
/// syntax and the suite's args last. <c>FailFast</c> is not passed on: Greenlight stops between
/// phases, not inside a suite.
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
        var (terms, filterProblem) = TraitFilter.Parse(suite.Filter);
        var build = await BuildAsync(suite, context, cancellationToken).ConfigureAwait(false);
        if (build.Failure is null && suite.OnlyTests is not null && suite.OnlyTest is null && build.Platform != DotnetTestPlatform.XunitV3)
        {
            // A shard's subset is selected by method name, which only xunit v3's own runner takes as a list: never run the whole suite instead.
            filterProblem = $"this suite's test platform ({build.Platform}) cannot run a shard's subset of its tests: only xunit v3 suites can be sharded";
        }

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
        var arguments = Arguments(build, suite, terms, results, listOnly: false);
        var workingDirectory = build.Platform == DotnetTestPlatform.VsTest ? context.RepositoryRoot : Path.GetDirectoryName(build.Assembly)!;
        var spec = RunnerRun.Spec(dotnet, arguments, workingDirectory, context, suite.Timeout, RunnerRun.OutputPath(context));
        var process = await processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        var result = RunnerRun.Base(suite, spec, process, processes, cancellationToken);
        return await ReadResultsAsync(result, suite, build.Platform, process, results, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The arguments after <c>dotnet</c> for the built project on its platform.</summary>
    private static IReadOnlyList<string> Arguments(BuildOutcome build, SuiteConfig suite, IReadOnlyList<TraitFilter.Term> terms, string results, bool listOnly)
    {
        var assembly = build.Assembly!;
        switch (build.Platform)
        {
            case DotnetTestPlatform.XunitV3:
                var xunitFilter = suite.OnlyTest is { } only ? ["--filter-method", only]
                    : suite.OnlyTests is { } shard ? [.. shard.SelectMany(test => new[] { "--filter-method", test })]
                    : TraitFilter.XunitArguments(terms);
                return listOnly ? ["exec", assembly, "--list-tests", .. xunitFilter, "--no-progress", "--no-ansi"] : RunArguments(assembly, xunitFilter, results, suite.Args);
            case DotnetTestPlatform.TUnit:
                var tree = suite.OnlyTest is { } test ? DotnetTestSelection.TreeNodeOnly(test) : DotnetTestSelection.TreeNodeFilter(terms);
                IReadOnlyList<string> treeFilter = tree is null ? [] : ["--treenode-filter", tree];
                return listOnly ? ["exec", assembly, "--list-tests", .. treeFilter, "--no-ansi"] : TestingPlatformArguments(assembly, treeFilter, results, suite.Args);
            case DotnetTestPlatform.TestingPlatform:
                var expression = suite.OnlyTest is { } name ? DotnetTestSelection.VsTestOnly(name) : DotnetTestSelection.VsTestExpression(terms);
                IReadOnlyList<string> filter = expression is null ? [] : ["--filter", expression];
                return listOnly ? ["exec", assembly, "--list-tests", .. filter, "--no-ansi"] : TestingPlatformArguments(assembly, filter, results, suite.Args);
            default:
                var vstest = suite.OnlyTest is { } single ? DotnetTestSelection.VsTestOnly(single) : DotnetTestSelection.VsTestExpression(terms);
                IReadOnlyList<string> vstestFilter = vstest is null ? [] : ["--filter", vstest];
                return listOnly
                    ? ["test", suite.Path, "-c", "Release", "--no-build", "--nologo", "--list-tests", .. vstestFilter]
                    : ["test", suite.Path, "-c", "Release", "--no-build", "--nologo", "--logger", $"trx;LogFileName={TrxFile}", "--results-directory", results, .. vstestFilter, .. suite.Args];
        }
    }

    /// <summary>The arguments after <c>dotnet</c>, for a built xunit v3 test assembly.</summary>
    public static IReadOnlyList<string> RunArguments(string assembly, IReadOnlyList<string> filter, string resultsDirectory, IReadOnlyList<string> extra) =>
    [
        "exec", assembly, .. filter,
        "--report-xunit-trx", "--report-xunit-trx-filename", TrxFile,
        "--report-xunit", "--report-xunit-filename", XunitFile,
        "--results-directory", resultsDirectory, "--no-progress", "--no-ansi", .. extra,
    ];

    /// <summary>
    /// The arguments after <c>dotnet</c> for another Microsoft.Testing.Platform application (MSTest,
    /// NUnit's runner, TUnit): the TRX report of Microsoft.Testing.Extensions.TrxReport.
    /// </summary>
    public static IReadOnlyList<string> TestingPlatformArguments(string assembly, IReadOnlyList<string> filter, string resultsDirectory, IReadOnlyList<string> extra) =>
    [
        "exec", assembly, .. filter,
        "--report-trx", "--report-trx-filename", TrxFile,
        "--results-directory", resultsDirectory, "--no-ansi", .. extra,
    ];
}
