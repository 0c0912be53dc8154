using Greenlight.Guards;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

/// <summary><c>guard:</c>: how remediation changes are judged.</summary>
internal static class GuardMapper
{
    private static readonly string[] GuardKeys = ["test_globs", "policy", "include_untracked", "refuse_dirty"];

    public static GuardOptions Map(YamlReader r, YamlNode? node)
    {
        var defaults = new GuardOptions();
        if (r.Mapping(node, "guard") is not { } map)
        {
            return defaults;
        }

        r.CheckKeys(map, "guard", GuardKeys);
        var policyNode = YamlReader.Child(map, "policy");
        var policy = r.String(policyNode, "guard.policy") switch
        {
            null => defaults.Policy,
            "allow" => TamperingPolicy.Allow,
            "flag" => TamperingPolicy.Flag,
            "reject" => TamperingPolicy.Reject,
            var other => Invalid(other),
        };
        var globs = YamlReader.Child(map, "test_globs");
        return defaults with
        {
            Policy = policy,
            TestGlobs = globs is null ? defaults.TestGlobs : [.. r.StringList(globs, "guard.test_globs").Select(g => g.Value)],
            IncludeUntracked = r.Bool(YamlReader.Child(map, "include_untracked"), "guard.include_untracked") ?? defaults.IncludeUntracked,
            RefuseDirty = r.Bool(YamlReader.Child(map, "refuse_dirty"), "guard.refuse_dirty") ?? defaults.RefuseDirty,
        };

        TamperingPolicy Invalid(string value)
        {
            r.Error(policyNode!, "guard.policy", $"must be allow, flag or reject, not '{value}'{Suggestions.Hint(value, ["allow", "flag", "reject"])}");
            return defaults.Policy;
        }
    }
}
