namespace AgentChat.Backend.Runs;

/// <summary>Where a run's events go: every open socket of the run's user, and nobody else's.</summary>
public interface IRunEventSink
{
    void Publish(string userId, RunEvent runEvent);
}
