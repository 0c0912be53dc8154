using Greenlight.Secrets;

namespace Greenlight.Tracking;

/// <summary>
/// Builds the tracker named by <c>tracking:</c>. It reads the dotted keys the config loader keeps
/// for sections it does not map itself (<c>github.repo</c>, <c>github.labels[0]</c>, <c>folder</c>).
/// </summary>
public static class TrackerFactory
{
    /// <returns>No tracker and no errors when <c>tracking:</c> is absent or null.</returns>
    public static (ITracker? Tracker, IReadOnlyList<string> Errors) Create(
        IReadOnlyDictionary<string, string> tracking, string rootDirectory, TimeProvider time, SecretRedactor redactor)
    {
        var errors = new List<string>();
        var known = new[] { "folder", "github.repo", "github.token_env", "github.api_url" };
        foreach (var key in tracking.Keys.Where(k => !known.Contains(k) && !k.StartsWith("github.labels[", StringComparison.Ordinal) && tracking[k].Length > 0))
        {
            errors.Add($"tracking.{key}: unknown key (use github: {{repo, token_env, labels, api_url}} or folder: PATH)");
        }

        var folder = tracking.GetValueOrDefault("folder");
        var repo = tracking.GetValueOrDefault("github.repo");
        if (!string.IsNullOrEmpty(folder) && !string.IsNullOrEmpty(repo))
        {
            errors.Add("tracking: give either github or folder, not both");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        if (!string.IsNullOrEmpty(folder))
        {
            return (new FolderTracker(Path.GetFullPath(folder, rootDirectory), time), []);
        }

        if (string.IsNullOrEmpty(repo))
        {
            return (null, tracking.Keys.Any(k => k.StartsWith("github.", StringComparison.Ordinal)) ? ["tracking.github.repo: required (owner/name)"] : []);
        }

        Uri? api = null;
        if (tracking.GetValueOrDefault("github.api_url") is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out api))
        {
            return (null, [$"tracking.github.api_url: '{url}' is not an absolute URL"]);
        }

        var options = new GitHubTrackingOptions
        {
            Repository = repo,
            TokenEnvironmentVariable = tracking.GetValueOrDefault("github.token_env") is { Length: > 0 } env ? env : "GITHUB_TOKEN",
            Labels = [.. tracking.Where(kv => kv.Key.StartsWith("github.labels[", StringComparison.Ordinal)).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value)],
            ApiUrl = api,
        };
        return (new GitHubTracker(options, time, redactor), []);
    }
}
