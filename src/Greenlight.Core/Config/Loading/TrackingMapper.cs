using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

/// <summary><c>tracking: {github: {repo, token_env, labels, api_url}}</c> or <c>tracking: {folder: PATH}</c>, as a typed <see cref="TrackingConfig"/>.</summary>
internal static class TrackingMapper
{
    private static readonly string[] GitHubKeys = ["repo", "token_env", "labels", "api_url"];

    /// <returns>Null when the block is absent or null, or names no tracker.</returns>
    public static TrackingConfig? Map(YamlReader r, ConfigPaths paths, YamlNode? node)
    {
        if (r.Mapping(node, "tracking") is not { } map)
        {
            return null;
        }

        r.CheckKeys(map, "tracking", "github", "folder");
        var github = YamlReader.Child(map, "github");
        var folderNode = YamlReader.Child(map, "folder");
        if (github is not null && folderNode is not null && !YamlReader.IsNull(github) && !YamlReader.IsNull(folderNode))
        {
            r.Error(map, "tracking", "give either github or folder, not both");
        }

        var folder = r.String(folderNode, "tracking.folder");
        var gitHub = github is not null && !YamlReader.IsNull(github) && r.Mapping(github, "tracking.github") is { } gh ? MapGitHub(r, paths, gh) : null;
        if (!string.IsNullOrEmpty(folder))
        {
            return new TrackingConfig { Folder = paths.Absolute(folder), Line = (int)map.Start.Line };
        }

        return gitHub is null ? null : new TrackingConfig { GitHub = gitHub, Line = (int)map.Start.Line };
    }

    private static GitHubTrackingConfig? MapGitHub(YamlReader r, ConfigPaths paths, YamlMappingNode gh)
    {
        r.CheckKeys(gh, "tracking.github", GitHubKeys);
        var repo = r.String(YamlReader.Child(gh, "repo"), "tracking.github.repo", required: true, parent: gh);
        if (repo is not null && repo.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            r.Error(YamlReader.Child(gh, "repo")!, "tracking.github.repo", $"'{repo}' is not owner/name");
        }

        var tokenEnv = r.String(YamlReader.Child(gh, "token_env"), "tracking.github.token_env");
        var labels = r.StringList(YamlReader.Child(gh, "labels"), "tracking.github.labels");
        var apiNode = YamlReader.Child(gh, "api_url");
        var api = paths.HttpUrl(r.String(apiNode, "tracking.github.api_url"), apiNode, "tracking.github.api_url");
        return repo is null ? null : new GitHubTrackingConfig
        {
            Repository = repo,
            TokenEnvironmentVariable = string.IsNullOrEmpty(tokenEnv) ? "GITHUB_TOKEN" : tokenEnv,
            // The labels keep the config's order: a list, not keys sorted as text (labels[10] before labels[2]).
            Labels = [.. labels.Select(l => l.Value)],
            ApiUrl = api,
        };
    }
}
