using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Plugins;
using Greenlight.Results;
using Greenlight.Stages;

namespace Greenlight.Runners;

/// <summary>
/// Any test command that writes JUnit XML: <c>command:</c> runs through <c>/bin/sh -c</c> (or, without
/// it, <c>args</c> is the argument array), in <c>path</c> when that is a folder, else the repository
/// root. Then every file matching <c>results:</c> written during the run is read; a missing or stale
/// file is a problem, never a silent pass. The command also gets the Node adapters' variables
/// (<see cref="NodeAdapters.Environment"/>), which it may use to tag its requests; nothing is on by itself.
/// </summary>
public sealed class CommandRunner(Processes.ChildProcess processes, IEnumerable<IResultReader> readers, TimeProvider time) : ITestRunner
{
    private readonly ResultReaders _results = new([.. readers]);

    public string Name => "command";

    public Task<TestListing> ListAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new TestListing([], ["a command suite cannot list its tests without running them"]));

    public async Task<SuiteRunResult> RunAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.SuiteDirectory);
        var workingDirectory = Directory.Exists(suite.Path) ? suite.Path : context.RepositoryRoot;
        string? program = suite.Command is not null ? "/bin/sh" : suite.Args.FirstOrDefault();
        IReadOnlyList<string> arguments = suite.Command is { } command ? ["-c", command] : [.. suite.Args.Skip(1)];
        if (program is null || suite.Results is null)
        {
            return new SuiteRunResult
            {
                SuiteId = suite.Id,
                CommandLine = suite.Command ?? "",
                Problems = [program is null ? "command suite has no command" : "command suite has no results file (results:)"],
            };
        }

        // File times have coarser clocks than ours; a file touched within a second of the start still counts.
        var notBefore = time.GetUtcNow().UtcDateTime.AddSeconds(-1);
        var spec = RunnerRun.Spec(program, arguments, workingDirectory, WithNodeAdapters(context), suite.Timeout, RunnerRun.OutputPath(context));
        var process = await processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        var result = RunnerRun.Base(suite, spec, process, processes, cancellationToken);
        var problems = result.Problems.ToList();
        var found = ResultGlob.Find(suite.Results, workingDirectory);
        var fresh = found.Where(f => File.GetLastWriteTimeUtc(f) >= notBefore).ToList();
        problems.AddRange(found.Except(fresh).Select(f => $"results file {f} was not written by this run (stale); ignored"));
        if (fresh.Count == 0)
        {
            problems.Add($"the command wrote no results matching '{suite.Results}' ({process.Describe()})");
        }

        var cases = new List<TestCaseResult>();
        var collectionFailed = false;
        foreach (var file in fresh)
        {
            var read = await _results.ReadAsync(file, cancellationToken).ConfigureAwait(false);
            cases.AddRange(read.Cases);
            problems.AddRange(read.Problems);
            collectionFailed |= read.CollectionErrors.Count > 0;
        }

        if (process.ExitCode is not (null or 0) && cases.Count > 0 && !cases.Any(c => c.Outcome is TestOutcome.Failed or TestOutcome.Error))
        {
            problems.Add($"the command {process.Describe()} but its results show no failure");
        }

        return result with { Cases = cases, Problems = problems, CollectionFailed = collectionFailed, ResultFiles = fresh };
    }

    // Opt-in, so NODE_OPTIONS of every node process the command starts (builds, servers) stays the user's.
    private static SuiteRunContext WithNodeAdapters(SuiteRunContext context)
    {
        var files = NodeAdapters.Write(Path.Combine(context.SuiteDirectory, "node-adapters"));
        var environment = new Dictionary<string, string>(context.Environment);
        foreach (var (name, value) in NodeAdapters.Environment(files))
        {
            environment.TryAdd(name, value);
        }

        return context with { Environment = environment };
    }
}
