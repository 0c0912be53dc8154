using Greenlight.Config;

namespace Greenlight.Deploy.LastGood;

/// <summary>Turns a service's local config into one that runs a stored last good build instead of building.</summary>
public static class LastGoodRollback
{
    /// <summary>
    /// No build step; every token of the run command that points into the original build output
    /// directory now points into the stored copy. When the build output was the working directory
    /// itself (a Python service), the copy becomes the working directory.
    /// </summary>
    public static LocalServiceConfig Retarget(LocalServiceConfig local, LastGoodBuild build)
    {
        local = WithEnvironment(local, build);
        var source = build.SourceDirectory.TrimEnd('/');
        var working = Path.GetFullPath(local.WorkingDirectory).TrimEnd('/');
        if (source == working)
        {
            return local with { Build = null, WorkingDirectory = build.Directory };
        }

        var tokens = local.Run.Split(' ').Select(token =>
        {
            var bare = token.Trim('"', '\'');
            if (bare.Length == 0 || bare.StartsWith('-'))
            {
                return token;
            }

            var full = Path.GetFullPath(bare, working);
            return full.StartsWith(source + "/", StringComparison.Ordinal)
                ? token.Replace(bare, Path.Combine(build.Directory, Path.GetRelativePath(source, full)), StringComparison.Ordinal)
                : token;
        });
        return local with { Build = null, Run = string.Join(' ', tokens) };
    }

    /// <summary>The environment the good revision ran with; secret values come from the current configuration.</summary>
    private static LocalServiceConfig WithEnvironment(LocalServiceConfig local, LastGoodBuild build)
    {
        if (build.Environment is not { } stored)
        {
            return local;
        }

        var environment = new Dictionary<string, string>(stored, StringComparer.Ordinal);
        foreach (var key in build.SecretKeys.Where(local.Environment.ContainsKey))
        {
            environment[key] = local.Environment[key];
        }

        return local with { Environment = environment };
    }
}
