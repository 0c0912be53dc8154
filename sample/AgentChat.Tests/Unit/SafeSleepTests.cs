using System.Diagnostics;
using AgentChat.Backend.Sockets;
using AgentChat.Common.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AgentChat.Tests.Unit;

public sealed class SafeSleepTests
{
    [Fact]
    public async Task SleepAsync_PortableTimer_CompletesWhenTheClockPasses()
    {
        var clock = new FakeTimeProvider();
        var sleeping = new SafeSleep(clock, platformWrapper: false).SleepAsync(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        clock.Advance(TimeSpan.FromSeconds(2));
        var early = sleeping.IsCompleted;
        clock.Advance(TimeSpan.FromSeconds(1));
        await sleeping;

        Assert.False(early);
    }

    [Fact]
    public void SleepAsync_PlatformWrapper_RecursesUntilTheRuntimeStackGuardThrows()
    {
        var sleep = new SafeSleep(TimeProvider.System, platformWrapper: true);

        // It throws before returning a task: the endpoint's caller sees it at once, not on await.
        var error = Assert.Throws<InsufficientExecutionStackException>(() => { _ = sleep.SleepAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None); });

        // Nothing in the code counts the depth: the frames are as deep as the thread's stack allowed.
        var frames = new StackTrace(error).GetFrames().Select(f => f.GetMethod()?.Name).ToList();
        Assert.Equal("EnsureSufficientExecutionStack", frames[0]);
        Assert.True(frames.Count(n => n == "WindowsSleepAsync") > 500, $"{frames.Count} frames");
        Assert.True(frames.Count(n => n == "SleepAsync") > 500, $"{frames.Count} frames");
    }

    [Fact]
    public void Fold_RecursionTrace_OneCopyOfTheCycleWithItsCount()
    {
        var error = Assert.Throws<InsufficientExecutionStackException>(
            () => { _ = new SafeSleep(TimeProvider.System, platformWrapper: true).SleepAsync(TimeSpan.Zero, CancellationToken.None); });

        var folded = ExceptionText.Describe(error).Split('\n');

        Assert.StartsWith("System.InsufficientExecutionStackException: ", folded[0], StringComparison.Ordinal);
        Assert.True(folded.Length < 20, string.Join('\n', folded));
        var marker = Assert.Single(folded, l => l.Contains("repeat", StringComparison.Ordinal) && l.Contains("times", StringComparison.Ordinal));
        var cycle = folded.SkipWhile(l => l != marker).Skip(1).TakeWhile(l => !l.Contains("end of repeated", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, cycle.Count);
        Assert.Contains(cycle, l => l.Contains("SafeSleep.WindowsSleepAsync", StringComparison.Ordinal));
        Assert.Contains(cycle, l => l.Contains("SafeSleep.SleepAsync", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a\nb\nc", "a\nb\nc")]
    [InlineData("x\nx", "x\nx")]
    [InlineData("h\nx\nx\nx\nt", "h\n   --- the next 1 line(s) repeat 3 times ---\nx\n   --- end of repeated lines ---\nt")]
    [InlineData("a\nb\na\nb\na\nb\nz", "   --- the next 2 line(s) repeat 3 times ---\na\nb\n   --- end of repeated lines ---\nz")]
    public void Fold_Examples(string text, string expected)
    {
        Assert.Equal(expected, RepeatedLines.Fold(text));
    }
}
