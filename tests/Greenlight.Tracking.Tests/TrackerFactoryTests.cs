using Greenlight.Config;
using Greenlight.Config.Loading;
using Greenlight.Secrets;

namespace Greenlight.Tracking.Tests;

public sealed class TrackerFactoryTests
{
    [Fact]
    public void Create_GitHubConfig_GitHubTracker()
    {
        var tracking = new TrackingConfig { GitHub = new GitHubTrackingConfig { Repository = "acme/shop", Labels = ["e2e"] } };

        var tracker = TrackerFactory.Create(tracking, TimeProvider.System, new SecretRedactor());

        Assert.Equal("github", tracker!.Name);
    }

    [Fact]
    public void Create_Folder_FolderTracker()
    {
        var tracker = TrackerFactory.Create(new TrackingConfig { Folder = "/repo/.greenlight/issues" }, TimeProvider.System, new SecretRedactor());

        Assert.Equal("folder", tracker!.Name);
    }

    [Fact]
    public void Create_Absent_NoTracker()
    {
        Assert.Null(TrackerFactory.Create(null, TimeProvider.System, new SecretRedactor()));
    }

    [Fact]
    public void Options_TwelveLabelsFromYaml_KeepListOrder()
    {
        // Sorting the labels' keys as text put labels[10] and labels[11] before labels[2].
        var labels = Enumerable.Range(0, 12).Select(i => $"label-{i}").ToList();
        var yaml = "project: p\nsuites:\n  - {id: s, priority: P1, runner: command, command: 'true', results: r.xml}\n"
            + $"tracking:\n  github:\n    repo: acme/shop\n    labels: [{string.Join(", ", labels)}]\n";

        var loaded = ConfigLoader.Parse(yaml, "/repo/greenlight.yaml", "greenlight.yaml", _ => null);

        Assert.Empty(loaded.Errors);
        Assert.Equal(labels, TrackerFactory.Options(loaded.Config!.Tracking!.GitHub!).Labels);
    }
}
