namespace AgentChat.Common.Hosting;

/// <summary>Seconds since the service started, for <c>/health</c>.</summary>
public sealed class Uptime(TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();

    public double Seconds => Math.Round(time.GetElapsedTime(_started).TotalSeconds, 2);
}
