using Greenlight.Config;
using Greenlight.Plugins;
using Greenlight.Runs.Testing;

namespace Greenlight.Runs.Sharding;

/// <summary>
/// How a runner runs a chosen subset of a suite's tests, the way a retry narrows a suite to one test:
/// pytest by node ids (as <c>--collect-only</c> lists them), dotnet on xunit v3 by full method names
/// (<c>--filter-method</c>, once per test; another dotnet test platform reports the suite as not
/// selectable instead of running all of it). Runners that cannot are refused, never pretended: every
/// shard would run the whole suite.
/// </summary>
internal static class ShardSelection
{
    public static bool CanSelect(string runner) => runner is RunnerNames.Pytest or RunnerNames.Dotnet;

    public static string Why(string runner) =>
        $"the {runner} runner cannot run a chosen subset of a suite's tests (sharding supports pytest, and dotnet suites on xunit v3)";

    /// <summary>The name the runner's results give the listed test (pytest: the JUnit name of the node id), for its history.</summary>
    public static string ResultName(string runner, string listed)
    {
        if (runner != RunnerNames.Pytest)
        {
            return listed;
        }

        var (className, name) = PytestNodeId.ToJUnit(listed);
        return className.Length == 0 ? name : $"{className}.{name}";
    }

    /// <summary>What the runner is given to run the listed test: pytest a node id resolved to its file's path.</summary>
    public static string Target(SuiteConfig suite, string listed, string root) =>
        suite.Runner == RunnerNames.Pytest ? RetryFailed.PytestNodePath(suite.Path, listed, root) ?? listed : listed;
}
