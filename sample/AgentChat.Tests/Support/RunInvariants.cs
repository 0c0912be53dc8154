using System.Text;
using System.Text.Json;

namespace AgentChat.Tests.Support;

/// <summary>The invariants of sample/PROTOCOL.md for one run's events, checked in one place.</summary>
public static class RunInvariants
{
    /// <summary>Asserts every invariant and returns the concatenated partial deltas.</summary>
    public static string AssertValidRun(IReadOnlyList<JsonElement> events)
    {
        Assert.NotEmpty(events);
        Assert.Equal("agent_started", Type(events[0]));
        var runId = events[0].GetProperty("runId").GetString();
        var threadId = events[0].GetProperty("threadId").GetString();
        Assert.Equal(1, events.Count(e => Type(e) is "agent_completed" or "agent_error"));
        Assert.True(Type(events[^1]) is "agent_completed" or "agent_error", $"last event is {Type(events[^1])}");

        string? openCall = null;
        var answer = new StringBuilder();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            Assert.Equal(i, e.GetProperty("seq").GetInt64());
            Assert.Equal(runId, e.GetProperty("runId").GetString());
            Assert.Equal(threadId, e.GetProperty("threadId").GetString());
            Assert.True(e.GetProperty("ts").GetInt64() > 0);
            Assert.False(string.IsNullOrEmpty(e.GetProperty("agentId").GetString()));
            switch (Type(e))
            {
                case "tool_executing":
                    Assert.Null(openCall);
                    openCall = e.GetProperty("toolCallId").GetString();
                    break;
                case "tool_completed":
                    Assert.Equal(openCall, e.GetProperty("toolCallId").GetString());
                    openCall = null;
                    break;
                case "agent_partial":
                    answer.Append(e.GetProperty("delta").GetString());
                    break;
            }
        }

        Assert.Null(openCall);
        return answer.ToString();
    }

    public static string? Type(JsonElement e) => e.GetProperty("type").GetString();

    public static IReadOnlyList<string?> Types(IEnumerable<JsonElement> events) => [.. events.Select(Type)];
}
