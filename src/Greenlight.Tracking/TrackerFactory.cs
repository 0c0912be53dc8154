using Greenlight.Config;
using Greenlight.Secrets;

namespace Greenlight.Tracking;

/// <summary>Builds the tracker named by <c>tracking:</c>, which the config loader has already mapped and checked.</summary>
public static class TrackerFactory
{
    /// <returns>No tracker when <c>tracking:</c> is absent or null.</returns>
    public static ITracker? Create(TrackingConfig? tracking, TimeProvider time, SecretRedactor redactor)
    {
        if (tracking?.Folder is { } folder)
        {
            return new FolderTracker(folder, time);
        }

        return tracking?.GitHub is { } github ? new GitHubTracker(Options(github), time, redactor) : null;
    }

    /// <summary>The GitHub tracker's options: the labels in the order the config lists them.</summary>
    public static GitHubTrackingOptions Options(GitHubTrackingConfig github)
    {
        ArgumentNullException.ThrowIfNull(github);
        return new GitHubTrackingOptions
        {
            Repository = github.Repository,
            TokenEnvironmentVariable = github.TokenEnvironmentVariable,
            Labels = github.Labels,
            ApiUrl = github.ApiUrl,
        };
    }
}
