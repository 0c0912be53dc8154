using System.Collections.Concurrent;
using System.Text.Json;
using AgentChat.Backend.Runs;

namespace AgentChat.Tests.Support;

/// <summary>Keeps every published event with its user, in order, parsed back from the bytes sent.</summary>
public sealed class CollectingSink : IRunEventSink
{
    private readonly ConcurrentQueue<(string UserId, JsonElement Event)> _events = new();

    public IReadOnlyList<JsonElement> Events => [.. _events.Select(e => e.Event)];

    public IReadOnlyList<string> Users => [.. _events.Select(e => e.UserId)];

    public void Publish(string userId, RunEvent runEvent)
    {
        using var document = JsonDocument.Parse(runEvent.Json);
        _events.Enqueue((userId, document.RootElement.Clone()));
    }
}
