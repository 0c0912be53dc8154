namespace Greenlight.Cli.Mcp;

// What the MCP tools return as structured content (and as their output schemas).

public sealed record PlanResult(string Rationale, IReadOnlyList<PlanPhase> Phases);

public sealed record PlanPhase(string Phase, IReadOnlyList<PlanSuite> Suites);

public sealed record PlanSuite(
    string Id, string Runner, string? Category, string? Impact, string PassCriterion, IReadOnlyList<string> Tests, IReadOnlyList<string> Problems);

public sealed record ProbeResult(int ExitCode, string Availability, IReadOnlyList<ServiceState> Services, IReadOnlyList<ProbeState> Probes);

public sealed record ServiceState(string Name, bool Critical, bool Deployed, string? Url, string? Failure);

public sealed record ProbeState(string Service, string Url, bool Healthy, int? Status, int? CloseCode, long LatencyMs, string Detail);

public sealed record RunResult(
    string RunId,
    string Verdict,
    int ExitCode,
    IReadOnlyList<string> Reasons,
    string NextAction,
    int Passed,
    int Failed,
    int Unproven,
    IReadOnlyList<FailingTest> FailingTests,
    IReadOnlyList<DoubtedPass> DoubtedPasses,
    IReadOnlyList<ClusterSummary> Clusters,
    string RunDirectory,
    string Worklog,
    string RunJson);

public sealed record FailingTest(string Suite, string Name, string Outcome, string? Message);

public sealed record DoubtedPass(string Suite, string Name, IReadOnlyList<string> Reasons, IReadOnlyList<string> Evidence);

public sealed record ClusterSummary(string Title, int Count, IReadOnlyList<string> Tests, IReadOnlyList<string> Services, IReadOnlyList<string> LogLines, string? PrecedingDeploy);

public sealed record CheckFixResult(
    string Base, string Outcome, string Reason, bool CountsAsFix, IReadOnlyList<ChangedFileState> Files, IReadOnlyList<GuardFindingState> Findings);

public sealed record ChangedFileState(string Path, string Change, bool IsTest, int? AddedLines, int? DeletedLines);

public sealed record GuardFindingState(string Code, string File, int? Line, string Text);
