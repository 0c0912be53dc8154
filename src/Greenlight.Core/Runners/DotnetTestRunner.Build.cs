using System.Text.Json;
using Greenlight.Config;
using Greenlight.Stages;

namespace Greenlight.Runners;

public sealed partial class DotnetTestRunner
{
    private sealed record BuildOutcome(string? Assembly, DotnetTestPlatform Platform, string? Failure, int? ExitCode, string LogPath);

    /// <summary>
    /// One build per project per runner instance, shared by its suites, its listing and the build ahead of them;
    /// a build that was cancelled (an iteration that ended before its tests) is built again when asked for.
    /// </summary>
    private Task<BuildOutcome> BuildAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken)
    {
        var fresh = new Lazy<Task<BuildOutcome>>(() => BuildOnceAsync(suite, context, cancellationToken));
        var cached = _builds.GetOrAdd(suite.Path, fresh);
        if (cached != fresh && cached.IsValueCreated && cached.Value.IsCanceled && _builds.TryUpdate(suite.Path, fresh, cached))
        {
            cached = fresh;
        }

        return cached.Value;
    }

    public async Task<SuitePreparation?> PrepareAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken)
    {
        var build = await BuildAsync(suite, context, cancellationToken).ConfigureAwait(false);
        var project = Path.GetRelativePath(context.RepositoryRoot, suite.Path);
        return new SuitePreparation(build.Failure is null, build.Failure is null ? $"built {project}" : $"{project}: {build.Failure}");
    }

    /// <summary>
    /// <c>-t:Build -getProperty:…</c> builds and then prints the properties as JSON (MSBuild then
    /// prints only errors and warnings before it), saving a second evaluation: the built assembly and
    /// whether it is a Microsoft.Testing.Platform application.
    /// </summary>
    private async Task<BuildOutcome> BuildOnceAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.SuiteDirectory);
        var log = Path.Combine(context.SuiteDirectory, "build.log");
        var lines = new List<string>();
        var build = await processes.RunAsync(
            RunnerRun.Spec(dotnet, ["build", suite.Path, "-c", "Release", "-nologo", "-t:Build", "-getProperty:TargetPath", "-getProperty:IsTestingPlatformApplication"],
                context.RepositoryRoot, context, suite.Timeout, log)
                with { OnLine = line => { lock (lines) { lines.Add(line); } } },
            cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        List<string> output;
        lock (lines)
        {
            output = [.. lines];
        }

        if (!build.Succeeded)
        {
            var errors = output.Select(l => l.Trim()).Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().Take(3).ToList();
            var detail = errors.Count > 0 ? ": " + string.Join(" | ", errors) : RunnerRun.LastLines(build);
            return new BuildOutcome(null, DotnetTestPlatform.VsTest, $"dotnet build {build.Describe()}{detail}", build.ExitCode, log);
        }

        var (assembly, testingPlatform) = Properties(output);
        if (assembly is null || !File.Exists(assembly))
        {
            return new BuildOutcome(null, DotnetTestPlatform.VsTest, $"dotnet build of {suite.Path} succeeded but named no test assembly (last line: {output.LastOrDefault()?.Trim()})", 0, log);
        }

        return new BuildOutcome(assembly, Platform(assembly, testingPlatform), null, 0, log);
    }

    /// <summary>The JSON MSBuild prints last: <c>{"Properties": {"TargetPath": …, "IsTestingPlatformApplication": …}}</c>.</summary>
    private static (string? Assembly, bool TestingPlatform) Properties(List<string> output)
    {
        var start = output.FindLastIndex(l => l.StartsWith('{'));
        if (start < 0) return (null, false);
        try
        {
            using var json = JsonDocument.Parse(string.Join('\n', output.Skip(start)));
            var properties = json.RootElement.GetProperty("Properties");
            var path = properties.TryGetProperty("TargetPath", out var p) ? p.GetString() : null;
            var mtp = properties.TryGetProperty("IsTestingPlatformApplication", out var m) && string.Equals(m.GetString(), "true", StringComparison.OrdinalIgnoreCase);
            return (path, mtp);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, false);
        }
    }

    // xunit v3 and TUnit build an executable that runs itself whatever the project says about the
    // testing platform (a suite may set IsTestingPlatformApplication=false to keep `dotnet test` away).
    private static DotnetTestPlatform Platform(string assembly, bool testingPlatform)
    {
        var folder = Path.GetDirectoryName(assembly)!;
        if (File.Exists(Path.Combine(folder, "xunit.v3.core.dll"))) return DotnetTestPlatform.XunitV3;
        if (File.Exists(Path.Combine(folder, "TUnit.Core.dll"))) return DotnetTestPlatform.TUnit;
        return testingPlatform ? DotnetTestPlatform.TestingPlatform : DotnetTestPlatform.VsTest;
    }
}
