using System.Text;
using Greenlight.Gates;
using static Greenlight.Loop.Tests.TestSupport;

namespace Greenlight.Loop.Tests.Gates;

public sealed class LineEndingGateTests
{
    /// <summary>The field incident: line 74 of data_helper_agent.py onward came out of a Windows build with CRLF.</summary>
    private static string DataHelperAgent()
    {
        var text = new StringBuilder();
        for (var i = 1; i <= 73; i++)
        {
            text.Append($"x{i} = {i}\n");
        }

        for (var i = 74; i <= 90; i++)
        {
            text.Append($"    y{i} = {i}\r\n");
        }

        return text.ToString();
    }

    [Fact]
    public async Task RunAsync_CrlfPythonFileCommitted_NamesFileAndFirstLines()
    {
        var ct = Timeout();
        using var repo = await TempRepo.CreateAsync(ct);
        repo.Write("services/backend/agents/data_helper_agent.py", DataHelperAgent());
        repo.Write("services/backend/main.py", "print('ok')\n");
        await repo.CommitAllAsync("agents", ct);
        var gate = new LineEndingGate(repo.Git, TimeProvider.System);

        var result = await gate.RunAsync(new GateContext(repo.Root, ["services/backend"]), ct);

        Assert.False(result.Passed);
        Assert.Equal(
            ["services/backend/agents/data_helper_agent.py:74: CRLF line ending (scripts and sources of this type must be LF)",
             "services/backend/agents/data_helper_agent.py:75: CRLF line ending (scripts and sources of this type must be LF)",
             "services/backend/agents/data_helper_agent.py:76: CRLF line ending (scripts and sources of this type must be LF)",
             "services/backend/agents/data_helper_agent.py:77: CRLF line ending (scripts and sources of this type must be LF)",
             "services/backend/agents/data_helper_agent.py:78: CRLF line ending (scripts and sources of this type must be LF)",
             "services/backend/agents/data_helper_agent.py: 12 more CRLF lines (17 in all)"],
            result.Findings.Select(f => f.ToString()));
        Assert.Equal("1 file(s) that must be LF have CRLF line endings", result.Summary);
    }

    [Fact]
    public async Task RunAsync_GitattributesEolLfAndExemptions_FollowsAttributes()
    {
        var ct = Timeout();
        using var repo = await TempRepo.CreateAsync(ct);
        repo.Write(".gitattributes", "*.conf text eol=lf\n*.sh -text\n*.bat eol=crlf\n");
        repo.Write("svc/app.conf", "a=1\r\nb=2\n");
        repo.Write("svc/legacy.sh", "echo hi\r\n");
        repo.Write("svc/run.bat", "@echo off\r\n");
        repo.Write("svc/notes.txt", "windows notes\r\n");
        repo.Write("svc/tool", "#!/bin/sh\r\necho tool\r\n");
        await repo.CommitAllAsync("mixed", ct);
        var gate = new LineEndingGate(repo.Git, TimeProvider.System);

        var result = await gate.RunAsync(new GateContext(repo.Root, ["svc"]), ct);

        Assert.False(result.Passed);
        Assert.Equal(
            ["svc/app.conf:1: CRLF line ending (.gitattributes says eol=lf)",
             "svc/tool:1: CRLF line ending (a shebang script)",
             "svc/tool:2: CRLF line ending (a shebang script)"],
            result.Findings.Select(f => f.ToString()));
    }

    [Fact]
    public async Task RunAsync_CrlfOutsideServiceFoldersOrUntracked_Passes()
    {
        var ct = Timeout();
        using var repo = await TempRepo.CreateAsync(ct);
        repo.Write("tools/build.py", "a = 1\r\n");
        repo.Write("svc/ok.py", "a = 1\n");
        await repo.CommitAllAsync("tools", ct);
        repo.Write("svc/scratch.py", "untracked = 1\r\n");
        var gate = new LineEndingGate(repo.Git, TimeProvider.System);

        var result = await gate.RunAsync(new GateContext(repo.Root, ["svc"]), ct);

        Assert.True(result.Passed, result.Summary);
        Assert.Empty(result.Findings);
        Assert.Equal("1 of 1 tracked files must be LF; none has CRLF", result.Summary);
    }

    [Fact]
    public async Task RunAsync_WorkingTreeEditedAfterCommit_ChecksWhatWouldBeDeployed()
    {
        var ct = Timeout();
        using var repo = await TempRepo.CreateAsync(ct);
        repo.Write("svc/start.sh", "#!/bin/sh\necho start\n");
        await repo.CommitAllAsync("start", ct);
        repo.Write("svc/start.sh", "#!/bin/sh\necho start\r\n");
        var gate = new LineEndingGate(repo.Git, TimeProvider.System);

        var result = await gate.RunAsync(new GateContext(repo.Root, []), ct);

        Assert.Equal(new GateFinding("svc/start.sh", 2, "CRLF line ending (scripts and sources of this type must be LF)"), Assert.Single(result.Findings));
    }

    [Fact]
    public async Task RunAsync_NotAGitRepository_FailsWithReason()
    {
        var dir = TempDirectory();
        var gate = new LineEndingGate(new Greenlight.Repository.Git(new Greenlight.Processes.ChildProcess()), TimeProvider.System);

        var result = await gate.RunAsync(new GateContext(dir, []), Timeout());

        Assert.False(result.Passed);
        Assert.Contains("is not a git repository", result.Summary, StringComparison.Ordinal);
    }
}
