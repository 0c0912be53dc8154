using Greenlight.Model;

namespace Greenlight.Core.Tests.Reporting;

/// <summary>A three-iteration run shaped like the pipeline records it: a gate failure, a tampering flag, a fix, a rollback.</summary>
internal static class SampleLoopRuns
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 11, 22, 33, TimeSpan.Zero);

    public static RunRecord RedThenGreen()
    {
        var red = SampleRuns.RedWithFailFast();
        var green = SampleRuns.Green();
        IterationRecord first = new()
        {
            Number = 1, StartedAt = Start, DurationMs = 41_000, Verdict = Verdict.Red, Reasons = red.Reasons,
            Deployed = ["auth", "backend"], Services = red.Services, Probes = red.Probes, Suites = red.Suites, Tests = red.Tests,
            Gates = [new GateRecord { Gate = "line-endings", Passed = true, Summary = "12 of 80 tracked files must be LF; none has CRLF", DurationMs = 40 }],
            Fingerprints = ["p1-critical / AgentChat.E2E.High.Test001_message_ordering: assert.equal() failure: expected seq <n> | got <n>"],
            Bundle = "iterations/1/bundle.json",
            Remediation = new RemediationRecord
            {
                Command = "./fix-agent.sh", ExitCode = 0, DurationMs = 12_000, Result = "exited with 0", Log = "iterations/1/remediation.log",
                GuardOutcome = "flagged", GuardReason = "test-tampering: 1 finding(s) in 1 test file(s)",
                DiffStat = " sample/AgentChat.Backend/Ordering.cs | 4 ++--\n sample/AgentChat.E2E/OrderingTests.cs | 1 +\n 2 files changed, 3 insertions(+), 2 deletions(-)",
                ChangedFiles = ["sample/AgentChat.Backend/Ordering.cs", "sample/AgentChat.E2E/OrderingTests.cs"],
                ChangedTestFiles = ["sample/AgentChat.E2E/OrderingTests.cs"],
                Flags = ["sample/AgentChat.E2E/OrderingTests.cs:12: added-skip: [Fact(Skip = \"flaky\")]"],
                CountsAsFix = true,
            },
        };
        IterationRecord second = new()
        {
            Number = 2, StartedAt = Start.AddSeconds(60), DurationMs = 38_000, Verdict = Verdict.Green, Reasons = green.Reasons,
            Deployed = ["backend"], Services = green.Services, Probes = green.Probes, Suites = green.Suites, Tests = green.Tests,
            Rollbacks = [],
            StopReason = StopReasons.Green, StopDetail = "iteration 2 is GREEN",
        };
        return green with
        {
            Iterations = [first, second],
            StopReason = StopReasons.Green,
            StopDetail = "iteration 2 is GREEN",
            Commands = [.. green.Commands.Select(c => c with { Iteration = 1 }), new CommandRecord { Kind = "remediate", Subject = "iteration 1", CommandLine = "./fix-agent.sh", DurationMs = 12_000, ExitCode = 0, Summary = "exited with 0", Iteration = 1 }],
        };
    }

    public static RunRecord GateFailedThenRolledBack()
    {
        var blocked = SampleRuns.Blocked();
        IterationRecord first = new()
        {
            Number = 1, StartedAt = Start, DurationMs = 300, Verdict = Verdict.Red, Reasons = ["gate line-endings failed: 1 file(s) that must be LF have CRLF line endings"],
            Gates = [new GateRecord { Gate = "line-endings", Passed = false, Summary = "1 file(s) that must be LF have CRLF line endings", DurationMs = 35,
                Findings = ["agents/data_helper_agent.py:74: CRLF line ending (scripts and sources of this type must be LF)"] }],
            Bundle = "iterations/1/bundle.json",
            Remediation = new RemediationRecord { Command = "./fix-agent.sh", ExitCode = 0, DurationMs = 900, Result = "exited with 0", GuardOutcome = "accepted", GuardReason = "1 file(s) changed, 0 of them tests", CountsAsFix = true },
        };
        IterationRecord second = new()
        {
            Number = 2, StartedAt = Start.AddSeconds(5), DurationMs = 9_000, Verdict = Verdict.Blocked, Reasons = blocked.Reasons, Deployed = ["backend"],
            Services = blocked.Services, Probes = blocked.Probes, Suites = blocked.Suites,
            Rollbacks = [new RollbackRecord { Service = "backend", Succeeded = true, HealthyAfter = true, FromRevision = "git 92e448d-dirty+build 11aa22bb", ToRevision = "git 92e448d+build 77aa01bc",
                Description = "rolled back backend from git 92e448d-dirty+build 11aa22bb to git 92e448d+build 77aa01bc", Evidence = ["deploy failed: exited with code 134 during start"] }],
            StopReason = StopReasons.Blocked, StopDetail = "iteration 2 is BLOCKED",
        };
        return blocked with { Iterations = [first, second], StopReason = StopReasons.Blocked, StopDetail = "iteration 2 is BLOCKED", Rollbacks = second.Rollbacks };
    }
}
