using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

/// <summary><c>loop:</c>: iterations, remediation, rollback and retries.</summary>
internal static class LoopMapper
{
    private static readonly string[] LoopKeys =
        ["fail_fast", "iterations", "remediate", "remediate_timeout", "stop_when_no_progress", "rollback", "test_after_rollback", "retry_failed"];

    public static LoopConfig Map(YamlReader r, YamlNode? node)
    {
        if (r.Mapping(node, "loop") is not { } map)
        {
            return new LoopConfig();
        }

        r.CheckKeys(map, "loop", LoopKeys);
        var remediate = r.String(YamlReader.Child(map, "remediate"), "loop.remediate");
        if (remediate is not null && remediate.Trim().Length == 0)
        {
            r.Error(YamlReader.Child(map, "remediate")!, "loop.remediate", "must be a command, or null for none");
            remediate = null;
        }

        var defaults = new LoopConfig();
        return new LoopConfig
        {
            FailFast = r.Bool(YamlReader.Child(map, "fail_fast"), "loop.fail_fast") ?? true,
            Iterations = r.Int(YamlReader.Child(map, "iterations"), "loop.iterations", 1, 100) ?? 1,
            Remediate = remediate,
            RemediateTimeout = r.Duration(YamlReader.Child(map, "remediate_timeout"), "loop.remediate_timeout") ?? defaults.RemediateTimeout,
            StopWhenNoProgress = r.Int(YamlReader.Child(map, "stop_when_no_progress"), "loop.stop_when_no_progress", 2, 100, "a number of iterations") ?? defaults.StopWhenNoProgress,
            Rollback = r.Bool(YamlReader.Child(map, "rollback"), "loop.rollback") ?? defaults.Rollback,
            TestAfterRollback = r.Bool(YamlReader.Child(map, "test_after_rollback"), "loop.test_after_rollback") ?? false,
            RetryFailed = r.Int(YamlReader.Child(map, "retry_failed"), "loop.retry_failed", 0, 10) ?? 0,
        };
    }
}
