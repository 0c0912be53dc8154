using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

internal sealed partial class ConfigMapper
{
    /// <summary>
    /// <c>tracking: {github: {repo, token_env, labels, api_url}}</c> or <c>tracking: {folder: PATH}</c>, checked with
    /// lines here; kept flattened for the tracker factory the host ships.
    /// </summary>
    private Dictionary<string, string> MapTracking(YamlNode? node)
    {
        if (r.Mapping(node, "tracking") is not { } map)
        {
            return [];
        }

        r.CheckKeys(map, "tracking", "github", "folder");
        var github = YamlReader.Child(map, "github");
        var folder = YamlReader.Child(map, "folder");
        if (github is not null && folder is not null && !YamlReader.IsNull(github) && !YamlReader.IsNull(folder))
        {
            r.Error(map, "tracking", "give either github or folder, not both");
        }

        r.String(folder, "tracking.folder");
        if (github is not null && !YamlReader.IsNull(github) && r.Mapping(github, "tracking.github") is { } gh)
        {
            r.CheckKeys(gh, "tracking.github", "repo", "token_env", "labels", "api_url");
            var repo = r.String(YamlReader.Child(gh, "repo"), "tracking.github.repo", required: true, parent: gh);
            if (repo is not null && repo.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                r.Error(YamlReader.Child(gh, "repo")!, "tracking.github.repo", $"'{repo}' is not owner/name");
            }

            r.String(YamlReader.Child(gh, "token_env"), "tracking.github.token_env");
            r.StringList(YamlReader.Child(gh, "labels"), "tracking.github.labels");
            if (r.String(YamlReader.Child(gh, "api_url"), "tracking.github.api_url") is { } api
                && !(Uri.TryCreate(api, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                r.Error(YamlReader.Child(gh, "api_url")!, "tracking.github.api_url", $"'{api}' is not an absolute http(s) URL");
            }
        }

        return r.Raw(map, "tracking");
    }
}
