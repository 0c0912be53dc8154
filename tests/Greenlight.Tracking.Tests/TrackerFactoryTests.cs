using Greenlight.Secrets;

namespace Greenlight.Tracking.Tests;

public sealed class TrackerFactoryTests
{
    [Fact]
    public void Create_GithubKeys_GitHubTracker()
    {
        var (tracker, errors) = TrackerFactory.Create(
            new Dictionary<string, string> { ["github.repo"] = "acme/agentchat", ["github.labels[0]"] = "e2e" }, "/repo", TimeProvider.System, new SecretRedactor());

        Assert.Empty(errors);
        Assert.Equal("github", tracker!.Name);
    }

    [Fact]
    public void Create_Folder_FolderTracker()
    {
        var (tracker, errors) = TrackerFactory.Create(new Dictionary<string, string> { ["folder"] = ".greenlight/issues" }, "/repo", TimeProvider.System, new SecretRedactor());

        Assert.Empty(errors);
        Assert.Equal("folder", tracker!.Name);
    }

    [Fact]
    public void Create_BothOrUnknownKeys_AllErrorsReported()
    {
        var (tracker, errors) = TrackerFactory.Create(
            new Dictionary<string, string> { ["folder"] = "x", ["github.repo"] = "a/b", ["github.token"] = "oops" }, "/repo", TimeProvider.System, new SecretRedactor());

        Assert.Null(tracker);
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("tracking.github.token: unknown key", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Absent_NoTrackerNoError()
    {
        var (tracker, errors) = TrackerFactory.Create(new Dictionary<string, string>(), "/repo", TimeProvider.System, new SecretRedactor());

        Assert.Null(tracker);
        Assert.Empty(errors);
    }
}
