using System.Text.Json;
using AgentChat.Backend.Runs;
using Microsoft.Extensions.Time.Testing;

namespace AgentChat.Tests.Unit;

public sealed class RunEventSequencerTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000));

    [Fact]
    public void Next_FirstEventNotStarted_Throws()
    {
        var sequencer = new RunEventSequencer("t-1", "run-1", _time);

        Assert.Throws<InvalidOperationException>(() => sequencer.Next("agent_thinking", "a"));
    }

    [Fact]
    public void Next_Sequence_CountsFromZeroWithoutGapsAndStampsCommonFields()
    {
        var sequencer = new RunEventSequencer("t-1", "run-1", _time);

        var events = new[]
        {
            sequencer.Next("agent_started", "a", j => j.WriteString("input", "hi")),
            sequencer.Next("agent_thinking", "a", j => j.WriteString("text", "hmm")),
            sequencer.Next("agent_completed", "b", j => j.WriteString("outcome", "success")),
        };

        Assert.Equal([0L, 1L, 2L], events.Select(e => e.Seq));
        var last = JsonDocument.Parse(events[2].Json).RootElement;
        Assert.Equal("agent_completed", last.GetProperty("type").GetString());
        Assert.Equal(2, last.GetProperty("seq").GetInt64());
        Assert.Equal(1_800_000_000_000, last.GetProperty("ts").GetInt64());
        Assert.Equal("t-1", last.GetProperty("threadId").GetString());
        Assert.Equal("run-1", last.GetProperty("runId").GetString());
        Assert.Equal("b", last.GetProperty("agentId").GetString());
        Assert.Equal("success", last.GetProperty("outcome").GetString());
        Assert.True(sequencer.IsFinished);
    }

    [Theory]
    [InlineData("agent_completed")]
    [InlineData("agent_error")]
    public void Next_AfterTerminal_Throws(string terminal)
    {
        var sequencer = new RunEventSequencer("t-1", "run-1", _time);
        sequencer.Next("agent_started", "a");
        sequencer.Next(terminal, "a");

        Assert.Throws<InvalidOperationException>(() => sequencer.Next("agent_partial", "a"));
        Assert.Throws<InvalidOperationException>(() => sequencer.Next("agent_completed", "a"));
    }

    [Fact]
    public void Next_SecondStarted_Throws()
    {
        var sequencer = new RunEventSequencer("t-1", "run-1", _time);
        sequencer.Next("agent_started", "a");

        Assert.Throws<InvalidOperationException>(() => sequencer.Next("agent_started", "a"));
    }

    [Fact]
    public async Task Next_ConcurrentCallers_SeqStaysGapFreeAndUnique()
    {
        var sequencer = new RunEventSequencer("t-1", "run-1", _time);
        sequencer.Next("agent_started", "a");

        var seqs = await Task.WhenAll(Enumerable.Range(0, 400).Select(_ => Task.Run(() => sequencer.Next("agent_partial", "a").Seq)));

        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), seqs.Order());
    }
}
