using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Plugins;

namespace Greenlight.Stages;

/// <summary>Runs one suite with a real test runner and reads its results.</summary>
public interface ITestRunner
{
    /// <summary>The name used in <c>runner:</c> (dotnet, pytest, command, newman).</summary>
    string Name { get; }

    /// <summary>Lists the tests the suite would run, with the runner's own listing (for <c>greenlight plan</c>).</summary>
    Task<TestListing> ListAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken);

    Task<SuiteRunResult> RunAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Builds what the suite runs (a test project) ahead of its run, while the services start; its run then
    /// uses that build, and a build that failed is reported by the run as before. Null when there is nothing
    /// to build; otherwise whether it built and a line for people ("built sample/App.E2E", or why not).
    /// </summary>
    Task<SuitePreparation?> PrepareAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken) => Task.FromResult<SuitePreparation?>(null);
}

/// <summary>What building a suite's project ahead of its run did: <c>"built sample/App.E2E"</c>, or why it did not build.</summary>
public sealed record SuitePreparation(bool Succeeded, string Line);

/// <param name="SuiteDirectory">Where this suite's output, results and runner log go.</param>
/// <param name="Environment">Extra variables for the runner, including every <c>GREENLIGHT_&lt;SERVICE&gt;_URL</c>.</param>
public sealed record SuiteRunContext(
    string SuiteDirectory,
    string RepositoryRoot,
    IReadOnlyDictionary<string, string> Environment,
    bool FailFast);

public sealed record TestListing(IReadOnlyList<string> Tests, IReadOnlyList<string> Problems);

public sealed record SuiteRunResult
{
    public required string SuiteId { get; init; }
    /// <summary>The command as shown to people, secrets redacted.</summary>
    public required string CommandLine { get; init; }
    public int? ExitCode { get; init; }
    public bool TimedOut { get; init; }
    public DateTimeOffset Started { get; init; }
    public TimeSpan Duration { get; init; }
    public IReadOnlyList<TestCaseResult> Cases { get; init; } = [];
    /// <summary>Collection errors, missing or truncated result files, crashes: facts that make the result untrustworthy.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
    public bool CollectionFailed { get; init; }
    /// <summary>The runner's full terminal output, kept in the suite folder.</summary>
    public string? OutputPath { get; init; }
    public IReadOnlyList<string> ResultFiles { get; init; } = [];
    /// <summary>
    /// The tests the suite defines, when the runner can know them without running them (newman: the
    /// checks in the collection's scripts); any of them absent from the report is named as missing.
    /// </summary>
    public IReadOnlyList<string> Expected { get; init; } = [];
    /// <summary>What Greenlight's pytest plugin recorded (pytest runner only).</summary>
    public PytestEvents? Pytest { get; init; }
}
