using Greenlight.Config;
using Greenlight.Stages;

namespace Greenlight.Runners;

public sealed partial class DotnetTestRunner
{
    private sealed record BuildOutcome(string? Assembly, string? Failure, int? ExitCode, string LogPath);

    /// <summary>One build per project per runner instance, shared by its suites and its listing.</summary>
    private Task<BuildOutcome> BuildAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken) =>
        _builds.GetOrAdd(suite.Path, _ => new Lazy<Task<BuildOutcome>>(() => BuildOnceAsync(suite, context, cancellationToken))).Value;

    /// <summary>
    /// <c>-t:Build -getProperty:TargetPath</c> builds and then prints the built assembly's path as the
    /// last line (MSBuild then prints only errors and warnings), saving a second evaluation.
    /// </summary>
    private async Task<BuildOutcome> BuildOnceAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.SuiteDirectory);
        var log = Path.Combine(context.SuiteDirectory, "build.log");
        var lines = new List<string>();
        var build = await processes.RunAsync(
            RunnerRun.Spec(dotnet, ["build", suite.Path, "-c", "Release", "-nologo", "-t:Build", "-getProperty:TargetPath"], context.RepositoryRoot, context, suite.Timeout, log)
                with { OnLine = line => { lock (lines) { lines.Add(line.Trim()); } } },
            cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        List<string> output;
        lock (lines)
        {
            output = [.. lines.Where(l => l.Length > 0)];
        }

        if (!build.Succeeded)
        {
            var errors = output.Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().Take(3).ToList();
            var detail = errors.Count > 0 ? ": " + string.Join(" | ", errors) : RunnerRun.LastLines(build);
            return new BuildOutcome(null, $"dotnet build {build.Describe()}{detail}", build.ExitCode, log);
        }

        var assembly = output.LastOrDefault();
        return assembly is not null && File.Exists(assembly)
            ? new BuildOutcome(assembly, null, 0, log)
            : new BuildOutcome(null, $"dotnet build of {suite.Path} succeeded but named no test assembly (last line: {assembly})", 0, log);
    }
}
