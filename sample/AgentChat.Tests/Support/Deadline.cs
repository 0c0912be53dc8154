namespace AgentChat.Tests.Support;

/// <summary>The bounded time every test that talks to a process or socket runs under.</summary>
public static class Deadline
{
    public static CancellationTokenSource Start(int seconds = 30)
    {
        var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(seconds));
        return limit;
    }
}
