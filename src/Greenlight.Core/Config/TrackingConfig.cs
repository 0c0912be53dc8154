namespace Greenlight.Config;

/// <summary>
/// <c>tracking:</c>, mapped and checked when the config loads: where a run that does not pass opens
/// (and a later pass closes) its tracking issue. At most one of <see cref="Folder"/> and <see cref="GitHub"/> is set.
/// </summary>
public sealed record TrackingConfig
{
    /// <summary><c>tracking.folder</c>: absolute path of the folder that receives one Markdown file per issue.</summary>
    public string? Folder { get; init; }

    /// <summary><c>tracking.github</c>: issues in a GitHub repository.</summary>
    public GitHubTrackingConfig? GitHub { get; init; }

    /// <summary>Line of the first key of the <c>tracking:</c> block, for messages about it.</summary>
    public int Line { get; init; }
}

/// <summary><c>tracking: {github: {repo, token_env, labels, api_url}}</c>.</summary>
public sealed record GitHubTrackingConfig
{
    /// <summary><c>repo</c>: owner/name.</summary>
    public required string Repository { get; init; }

    /// <summary><c>token_env</c>: the environment variable holding the token; the token itself is never in the config.</summary>
    public string TokenEnvironmentVariable { get; init; } = "GITHUB_TOKEN";

    /// <summary><c>labels</c>: in the order the config lists them.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary><c>api_url</c>: the API base of a GitHub Enterprise Server; null for github.com.</summary>
    public Uri? ApiUrl { get; init; }
}
