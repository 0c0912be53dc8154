using Greenlight.Config;
using Greenlight.Stages;

namespace Greenlight.Runners;

public sealed partial class DotnetTestRunner
{
    private sealed record BuildOutcome(string? Assembly, string? Failure, int? ExitCode, string LogPath);

    /// <summary>One build per project per runner instance, shared by its suites and its listing.</summary>
    private Task<BuildOutcome> BuildAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken) =>
        _builds.GetOrAdd(suite.Path, _ => new Lazy<Task<BuildOutcome>>(() => BuildOnceAsync(suite, context, cancellationToken))).Value;

    private async Task<BuildOutcome> BuildOnceAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.SuiteDirectory);
        var log = Path.Combine(context.SuiteDirectory, "build.log");
        var errors = new List<string>();
        var build = await processes.RunAsync(
            RunnerRun.Spec(dotnet, ["build", suite.Path, "-c", "Release", "-nologo"], context.RepositoryRoot, context, suite.Timeout, log)
                with { OnLine = line => CollectError(errors, line) },
            cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (!build.Succeeded)
        {
            // MSBuild ends with a summary; the compiler errors themselves say more.
            string detail;
            lock (errors)
            {
                detail = errors.Count > 0 ? ": " + string.Join(" | ", errors.Take(3)) : RunnerRun.LastLines(build);
            }

            return new BuildOutcome(null, $"dotnet build {build.Describe()}{detail}", build.ExitCode, log);
        }

        var lines = new List<string>();
        var query = await processes.RunAsync(
            RunnerRun.Spec(dotnet, ["msbuild", suite.Path, "-getProperty:TargetPath", "-p:Configuration=Release", "-nologo"], context.RepositoryRoot, context, TimeSpan.FromMinutes(2), log)
                with { OnLine = line => { lock (lines) { lines.Add(line); } } },
            cancellationToken).ConfigureAwait(false);
        string? assembly;
        lock (lines)
        {
            assembly = lines.LastOrDefault(l => l.Trim().Length > 0)?.Trim();
        }

        return query.Succeeded && assembly is not null && File.Exists(assembly)
            ? new BuildOutcome(assembly, null, 0, log)
            : new BuildOutcome(null, $"could not find the built test assembly of {suite.Path} (dotnet msbuild -getProperty:TargetPath {query.Describe()})", query.ExitCode, log);
    }

    private static void CollectError(List<string> errors, string line)
    {
        if (line.Contains(": error ", StringComparison.Ordinal))
        {
            lock (errors)
            {
                if (!errors.Contains(line.Trim()))
                {
                    errors.Add(line.Trim());
                }
            }
        }
    }
}
