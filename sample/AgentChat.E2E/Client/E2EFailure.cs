namespace AgentChat.E2E.Client;

/// <summary>
/// The deployment did something the protocol forbids or could not be reached. Raised, never
/// caught inside the suite: the test fails with this message.
/// </summary>
public sealed class E2EFailure : Exception
{
    public E2EFailure(string message) : base(message) { }

    public E2EFailure(string message, Exception inner) : base(message, inner) { }

    public E2EFailure() { }
}
