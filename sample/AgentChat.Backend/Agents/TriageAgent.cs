namespace AgentChat.Backend.Agents;

/// <summary>Routes a request to the data helper (numbers, statistics words) or to the researcher.</summary>
public sealed class TriageAgent(DataHelperAgent dataHelper, ResearcherAgent researcher) : IAgent
{
    public const string Id = "triage";

    private static readonly string[] DataWords = ["stats", "statistics", "numbers", "average", "mean", "median", "sum"];

    public string AgentId => Id;

    public IReadOnlyList<string> ToolNames { get; } = [];

    public IReadOnlyList<string> HandoffTargets { get; } = [DataHelperAgent.Id, ResearcherAgent.Id];

    /// <summary>The routing rule, public so that tests and docs state the same thing.</summary>
    public static (string Target, string Reason) Route(string input)
    {
        var lower = input.ToLowerInvariant();
        if (Statistics.ParseNumbers(input).Count > 0 || DataWords.Any(w => lower.Contains(w, StringComparison.Ordinal)))
        {
            return (DataHelperAgent.Id, "the request contains numbers or asks for statistics");
        }

        return (ResearcherAgent.Id, "the request asks for information from the catalogue");
    }

    public async Task RunAsync(RunContext run, string input, CancellationToken cancellationToken)
    {
        await run.ThinkAsync("Deciding which agent should handle this request.", cancellationToken);
        var (target, reason) = Route(input);
        run.Handoff(target, reason);
        IAgent next = target == DataHelperAgent.Id ? dataHelper : researcher;
        await next.RunAsync(run, input, cancellationToken);
    }
}
