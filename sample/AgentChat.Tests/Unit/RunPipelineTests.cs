using AgentChat.Backend.Agents;
using AgentChat.Backend.Runs;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentChat.Tests.Unit;

public sealed class RunPipelineTests
{
    private static readonly RunRequest Request = new("e2e-user-001", "t-1", "run-1", new DataHelperAgent(), "1 2 3");

    [Fact]
    public async Task Dispatch_WiredType_HandlerRunsWithTheRequest()
    {
        var pipeline = new RunPipeline(NullLogger<RunPipeline>.Instance);
        var received = new TaskCompletionSource<RunRequest>();
        pipeline.Wire(RunPipeline.StartAgent, (request, _) => { received.SetResult(request); return Task.CompletedTask; });

        var dispatched = pipeline.Dispatch(RunPipeline.StartAgent, Request, CancellationToken.None);

        Assert.True(dispatched);
        Assert.Same(Request, await received.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Dispatch_NothingWired_DroppedAndReportedFalse()
    {
        var pipeline = new RunPipeline(NullLogger<RunPipeline>.Instance);
        pipeline.Wire("CANCEL_RUN", (_, _) => throw new InvalidOperationException("must not run"));

        Assert.False(pipeline.Dispatch(RunPipeline.StartAgent, Request, CancellationToken.None));
    }
}
