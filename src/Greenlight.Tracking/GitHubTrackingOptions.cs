namespace Greenlight.Tracking;

/// <summary><c>tracking: {github: {repo, token_env, labels, api_url}}</c>.</summary>
public sealed record GitHubTrackingOptions
{
    /// <summary>owner/name.</summary>
    public required string Repository { get; init; }
    /// <summary>Name of the environment variable holding the token; the token itself is never in the config.</summary>
    public string TokenEnvironmentVariable { get; init; } = "GITHUB_TOKEN";
    /// <summary>Added to every tracking issue, besides <see cref="TrackingMarkdown.Label"/>.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];
    /// <summary>
    /// The API base for GitHub Enterprise Server (<c>https://ghe.example.com/</c>); null for github.com.
    /// Octokit adds <c>api/v3/</c> to any host other than api.github.com.
    /// </summary>
    public Uri? ApiUrl { get; init; }
}
