using Greenlight.Analysis.Logs;
using Greenlight.Secrets;

namespace Greenlight.Analysis.Tests;

public sealed class CommandLogSourceTests
{
    private static readonly LogWindow Window = new(LogFiles.Start.AddSeconds(10), LogFiles.Start.AddSeconds(20));

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Fact]
    public void Expand_Placeholders_IsoUtcTimesAndService() =>
        Assert.Equal(
            "kubectl logs deploy/backend --since-time=2026-11-23T10:00:10.000Z --until 2026-11-23T10:00:20.000Z",
            CommandLogSource.Expand("kubectl logs deploy/{service} --since-time={since} --until {until}", Window, "backend"));

    [Fact]
    public async Task ReadAsync_CommandPrintsLogs_WindowedEntriesFromStdout()
    {
        // The command sees the window it was given and prints lines inside and outside it.
        var command = "echo \"{since} ERROR backend: first in window\"; echo \"2026-11-23T09:00:00.000Z ERROR before window\"; echo \"{until} WARN last in window\"; echo untimed line";
        var source = new CommandLogSource("backend", command, Path.GetTempPath(), TimeSpan.FromSeconds(20));

        var read = await source.ReadAsync(Window, 100, Timeout());

        Assert.Empty(read.Problems);
        Assert.Equal(["ERROR backend: first in window", "WARN last in window"], read.Entries.Select(e => e.Message));
        Assert.Contains("untimed line", read.Entries[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_CommandFails_ProblemWithStderrRedacted()
    {
        var redactor = new SecretRedactor();
        redactor.Add("hunter2-secret-key");
        var source = new CommandLogSource("backend", "echo 'auth failed for key hunter2-secret-key' >&2; exit 3", Path.GetTempPath(), TimeSpan.FromSeconds(20), redactor);

        var read = await source.ReadAsync(Window, 100, Timeout());

        Assert.Equal("backend: log command exited 3: auth failed for key ***", Assert.Single(read.Problems));
    }

    [Fact]
    public async Task ReadAsync_CommandHangs_TimesOutWithProblemAndKillsIt()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"gl-hang-{Guid.NewGuid():N}");
        var source = new CommandLogSource("backend", $"sleep 30; touch {marker}", Path.GetTempPath(), TimeSpan.FromSeconds(1));

        var read = await source.ReadAsync(Window, 100, Timeout());

        Assert.StartsWith("backend: log command timed out after 1 s", Assert.Single(read.Problems), StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task ReadAsync_MissingWorkingDirectory_ProblemNotException()
    {
        var source = new CommandLogSource("backend", "true", "/nonexistent/gl-dir", TimeSpan.FromSeconds(5));

        var read = await source.ReadAsync(Window, 100, Timeout());

        Assert.StartsWith("backend: cannot start log command", Assert.Single(read.Problems), StringComparison.Ordinal);
    }
}
