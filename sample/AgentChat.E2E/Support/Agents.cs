namespace AgentChat.E2E.Support;

/// <summary>The sample's agents and inputs whose outcome the platform documents (PROTOCOL.md).</summary>
public static class Agents
{
    public const string DataHelper = "data-helper";
    public const string Researcher = "researcher";
    public const string Triage = "triage";
    public const string FailingTool = "failing-tool";

    public const string StatsInput = "compute stats for 3 5 7 9";
    public const string ResearchInput = "what is a jwt";
    public const string TriageToStats = "please compute the average of 2 4 6";
    public const string TriageToResearch = "tell me about jwt";
}
