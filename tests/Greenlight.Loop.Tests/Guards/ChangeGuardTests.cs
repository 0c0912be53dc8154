using Greenlight.Guards;
using static Greenlight.Loop.Tests.TestSupport;

namespace Greenlight.Loop.Tests.Guards;

public sealed class ChangeGuardTests
{
    private const string CsTest = """
        namespace AgentChat.E2E;

        public class WebSocketTests
        {
            [Fact]
            public async Task Connect_ValidToken_Ready()
            {
                var close = await ConnectAsync();
                Assert.Equal(1000, close);
                Assert.True(ready);
            }

            [Fact]
            public void Health_Ok() => Assert.Equal(200, Status());
        }

        """;

    private static async Task<TempRepo> RepoWithTestsAsync(CancellationToken ct)
    {
        var repo = await TempRepo.CreateAsync(ct);
        repo.Write("src/Backend/Handler.cs", "class Handler { int Code => 1011; }\n");
        repo.Write("tests/AgentChat.E2E/WebSocketTests.cs", CsTest);
        repo.Write("py/tests/test_auth.py", "def test_login():\n    r = login()\n    assert r.status == 200\n\n\ndef test_logout():\n    assert logout() == 204\n");
        repo.Write("web/src/chat.test.js", "it('streams', () => {\n  expect(run()).toBe('ok');\n});\n");
        await repo.CommitAllAsync("initial", ct);
        return repo;
    }

    [Fact]
    public async Task SnapshotAsync_DirtyRepo_LeavesIndexStashAndRefsUntouched()
    {
        var ct = Timeout();
        using var repo = await RepoWithTestsAsync(ct);
        repo.Write("src/Backend/Handler.cs", "class Handler { int Code => 1000; }\n");
        repo.Write("notes.md", "untracked\n");
        var index = Path.Combine(repo.Root, ".git", "index");
        var indexBytes = await File.ReadAllBytesAsync(index, ct);
        var indexTime = File.GetLastWriteTimeUtc(index);
        var refs = await repo.RunAsync(ct, "for-each-ref");
        var status = await repo.RunAsync(ct, "status", "--porcelain");
        var guard = new ChangeGuard(repo.Git, TimeProvider.System);

        var snapshot = (await guard.SnapshotAsync(repo.Root, ct)).Value!;

        Assert.True(snapshot.IsDirty);
        Assert.Equal([" M src/Backend/Handler.cs", "?? notes.md"], snapshot.Status);
        Assert.Matches("^[0-9a-f]{40}$", snapshot.TreeId);
        Assert.Equal(indexBytes, await File.ReadAllBytesAsync(index, ct));
        Assert.Equal(indexTime, File.GetLastWriteTimeUtc(index));
        Assert.Equal(refs, await repo.RunAsync(ct, "for-each-ref"));
        Assert.Equal("", await repo.RunAsync(ct, "stash", "list"));
        Assert.Equal(status, await repo.RunAsync(ct, "status", "--porcelain"));
    }

    [Fact]
    public async Task CompareAsync_NothingChanged_NoChangeEndsLoop()
    {
        var ct = Timeout();
        using var repo = await RepoWithTestsAsync(ct);
        repo.Write("scratch.txt", "left over from before\n");
        var guard = new ChangeGuard(repo.Git, TimeProvider.System);
        var before = (await guard.SnapshotAsync(repo.Root, ct)).Value!;

        var report = (await guard.CompareAsync(before, ct)).Value!;
        var decision = GuardDecision.Decide(report, TamperingPolicy.Reject, analysisOnly: false);

        Assert.False(report.Changed);
        Assert.Empty(report.Files);
        Assert.Equal(GuardOutcome.NoChange, decision.Outcome);
        Assert.True(decision.EndsRun);
    }

    [Fact]
    public async Task CompareAsync_RealFixInServiceCode_AcceptedWithDiffStat()
    {
        var ct = Timeout();
        using var repo = await RepoWithTestsAsync(ct);
        var guard = new ChangeGuard(repo.Git, TimeProvider.System);
        var before = (await guard.SnapshotAsync(repo.Root, ct)).Value!;
        repo.Write("src/Backend/Handler.cs", "class Handler { int Code => 1000; }\n");

        var report = (await guard.CompareAsync(before, ct)).Value!;
        var decision = GuardDecision.Decide(report, TamperingPolicy.Reject, analysisOnly: false);

        Assert.Equal(new ChangedFile("src/Backend/Handler.cs", "src/Backend/Handler.cs", ChangeKind.Modified, 1, 1, false), Assert.Single(report.Files));
        Assert.Contains("src/Backend/Handler.cs | 2 +-", report.DiffStat, StringComparison.Ordinal);
        Assert.Equal(GuardOutcome.Accepted, decision.Outcome);
        Assert.True(decision.CountsAsFix);
    }

    [Fact]
    public async Task CompareAsync_SkipAddedToCSharpTest_FlaggedWithFileAndLine()
    {
        var ct = Timeout();
        using var repo = await RepoWithTestsAsync(ct);
        var guard = new ChangeGuard(repo.Git, TimeProvider.System);
        var before = (await guard.SnapshotAsync(repo.Root, ct)).Value!;
        repo.Write("tests/AgentChat.E2E/WebSocketTests.cs", CsTest.Replace("[Fact]\n    public async", "[Fact(Skip = \"infrastructure limitation\")]\n    public async", StringComparison.Ordinal));

        var report = (await guard.CompareAsync(before, ct)).Value!;

        var finding = Assert.Single(report.Findings);
        Assert.Equal("tests/AgentChat.E2E/WebSocketTests.cs:5: added-skip: [Fact(Skip = \"infrastructure limitation\")]", finding.ToString());
        Assert.Equal(GuardOutcome.Rejected, GuardDecision.Decide(report, TamperingPolicy.Reject, false).Outcome);
        Assert.Equal(GuardOutcome.Flagged, GuardDecision.Decide(report, TamperingPolicy.Flag, false).Outcome);
        Assert.Equal(GuardOutcome.Accepted, GuardDecision.Decide(report, TamperingPolicy.Allow, false).Outcome);
        Assert.False(GuardDecision.Decide(report, TamperingPolicy.Reject, false).CountsAsFix);
    }

    [Fact]
    public async Task CompareAsync_AssertionsRemovedAndFailureAccepted_RemovedAndWeakenedFound()
    {
        var ct = Timeout();
        using var repo = await RepoWithTestsAsync(ct);
        var guard = new ChangeGuard(repo.Git, TimeProvider.System);
        var before = (await guard.SnapshotAsync(repo.Root, ct)).Value!;
        // The field pattern: the test now accepts 1011 and drops its readiness check.
        repo.Write("tests/AgentChat.E2E/WebSocketTests.cs", CsTest
            .Replace("        Assert.Equal(1000, close);\n        Assert.True(ready);\n", "        Assert.True(true); // accepts 1011 as infrastructure limitation\n", StringComparison.Ordinal));

        var report = (await guard.CompareAsync(before, ct)).Value!;

        Assert.Equal(
            ["tests/AgentChat.E2E/WebSocketTests.cs:9: weakened-assertion: Assert.True(true); // accepts 1011 as infrastructure limitation",
             "tests/AgentChat.E2E/WebSocketTests.cs:9 (before): removed-assertion: Assert.Equal(1000, close);",
             "tests/AgentChat.E2E/WebSocketTests.cs:10 (before): removed-assertion: Assert.True(ready);"],
            report.Findings.Select(f => f.ToString()));
    }

    [Fact]
    public async Task CompareAsync_PytestAndJestSkipsAndDeletedTests_AllFound()
    {
        var ct = Timeout();
        using var repo = await RepoWithTestsAsync(ct);
        var guard = new ChangeGuard(repo.Git, TimeProvider.System);
        var before = (await guard.SnapshotAsync(repo.Root, ct)).Value!;
        repo.Write("py/tests/test_auth.py", "import pytest\n\n\n@pytest.mark.skip(reason='flaky')\ndef test_login():\n    r = login()\n    assert r.status == 200\n");
        repo.Write("web/src/chat.test.js", "it.skip('streams', () => {\n  expect(run()).toBe('ok');\n});\n");
        repo.Delete("tests/AgentChat.E2E/WebSocketTests.cs");

        var report = (await guard.CompareAsync(before, ct)).Value!;

        Assert.Equal(
            ["py/tests/test_auth.py:4: added-skip: @pytest.mark.skip(reason='flaky')",
             "py/tests/test_auth.py:6 (before): deleted-test: def test_logout():",
             "py/tests/test_auth.py:7 (before): removed-assertion: assert logout() == 204",
             "tests/AgentChat.E2E/WebSocketTests.cs: deleted-test-file",
             "web/src/chat.test.js:1: added-skip: it.skip('streams', () => {"],
            report.Findings.Select(f => f.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(3, report.TestFiles.Count);
    }

    [Fact]
    public async Task CompareAsync_TestFileRenamedUnchanged_NoFinding()
    {
        var ct = Timeout();
        using var repo = await RepoWithTestsAsync(ct);
        var guard = new ChangeGuard(repo.Git, TimeProvider.System);
        var before = (await guard.SnapshotAsync(repo.Root, ct)).Value!;
        await repo.RunAsync(ct, "mv", "py/tests/test_auth.py", "py/tests/test_login.py");

        var report = (await guard.CompareAsync(before, ct)).Value!;

        var file = Assert.Single(report.Files);
        Assert.Equal((ChangeKind.Renamed, "py/tests/test_auth.py", "py/tests/test_login.py", true), (file.Kind, file.OldPath, file.Path, file.IsTest));
        Assert.Empty(report.Findings);
    }

    [Fact]
    public async Task Decide_AnalysisOnlyChangedTrackedFile_Violation()
    {
        var ct = Timeout();
        using var repo = await RepoWithTestsAsync(ct);
        var guard = new ChangeGuard(repo.Git, TimeProvider.System);
        var before = (await guard.SnapshotAsync(repo.Root, ct)).Value!;
        repo.Write("src/Backend/Handler.cs", "class Handler { int Code => 1000; }\n");
        repo.Write("analysis/notes.md", "five whys\n");

        var report = (await guard.CompareAsync(before, ct)).Value!;
        var decision = GuardDecision.Decide(report, TamperingPolicy.Reject, analysisOnly: true);

        Assert.Equal(GuardOutcome.AnalysisOnlyViolation, decision.Outcome);
        Assert.True(decision.EndsRun);
        Assert.Equal("src/Backend/Handler.cs: analysis-only-violation: modified a tracked file", Assert.Single(decision.Findings).ToString());
    }

    [Fact]
    public async Task Decide_AnalysisOnlyOnlyNewNotes_NotAViolation()
    {
        var ct = Timeout();
        using var repo = await RepoWithTestsAsync(ct);
        var guard = new ChangeGuard(repo.Git, TimeProvider.System);
        var before = (await guard.SnapshotAsync(repo.Root, ct)).Value!;
        repo.Write("analysis/notes.md", "five whys\n");

        var report = (await guard.CompareAsync(before, ct)).Value!;

        Assert.Equal(GuardOutcome.Accepted, GuardDecision.Decide(report, TamperingPolicy.Reject, analysisOnly: true).Outcome);
        Assert.Equal(ChangeKind.Added, Assert.Single(report.Files).Kind);
    }

    [Fact]
    public async Task Decide_AnalysisOnlyCommitMade_HeadMovedIsViolation()
    {
        var ct = Timeout();
        using var repo = await RepoWithTestsAsync(ct);
        var guard = new ChangeGuard(repo.Git, TimeProvider.System);
        var before = (await guard.SnapshotAsync(repo.Root, ct)).Value!;
        await repo.RunAsync(ct, "commit", "-q", "--allow-empty", "-m", "sneaky");

        var report = (await guard.CompareAsync(before, ct)).Value!;
        var decision = GuardDecision.Decide(report, TamperingPolicy.Reject, analysisOnly: true);

        Assert.True(report.HeadMoved);
        Assert.Equal(GuardOutcome.AnalysisOnlyViolation, decision.Outcome);
        Assert.StartsWith("HEAD: analysis-only-violation: moved from ", Assert.Single(decision.Findings).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnapshotAsync_NotARepository_FailureValue()
    {
        var guard = new ChangeGuard(new Greenlight.Repository.Git(new Greenlight.Processes.ChildProcess()), TimeProvider.System);

        var result = await guard.SnapshotAsync(TempDirectory(), Timeout());

        Assert.Null(result.Value);
        Assert.Contains("is not a git repository", result.Failure, StringComparison.Ordinal);
    }
}
