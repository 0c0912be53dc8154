using Greenlight.Gates;
using Greenlight.Processes;
using Greenlight.Secrets;
using static Greenlight.Loop.Tests.TestSupport;

namespace Greenlight.Loop.Tests.Gates;

public sealed class CommandGateTests
{
    [Fact]
    public async Task RunAsync_CommandExitsZero_Passes()
    {
        var dir = TempDirectory();
        var gate = new CommandGate(new CommandGateConfig { Name = "compile", Run = "test -d . && echo compiled" }, new ChildProcess());

        var result = await gate.RunAsync(new GateContext(dir, [], Path.Combine(dir, "logs")), Timeout());

        Assert.True(result.Passed, result.Summary);
        Assert.Empty(result.Evidence);
        Assert.Contains("compiled", await File.ReadAllTextAsync(result.LogPath!, Timeout()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CommandFails_OutputTailIsEvidenceAndSecretsRedacted()
    {
        var dir = TempDirectory();
        var redactor = new SecretRedactor();
        redactor.Add("hunter2-secret-value");
        var run = "echo 'error CS1002: ; expected'; echo 'key hunter2-secret-value'; exit 3";
        var gate = new CommandGate(new CommandGateConfig { Name = "compile", Run = run }, new ChildProcess(redactor, TimeProvider.System));

        var result = await gate.RunAsync(new GateContext(dir, []), Timeout());

        Assert.False(result.Passed);
        Assert.Equal(["error CS1002: ; expected", "key ***"], result.Evidence);
        Assert.EndsWith("exited with 3", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CommandHangs_TimesOutAsFailure()
    {
        var dir = TempDirectory();
        var gate = new CommandGate(new CommandGateConfig { Name = "slow", Run = "sleep 30", Timeout = TimeSpan.FromMilliseconds(300) }, new ChildProcess());

        var result = await gate.RunAsync(new GateContext(dir, []), Timeout());

        Assert.False(result.Passed);
        Assert.Contains("timed out", result.Summary, StringComparison.Ordinal);
    }
}

public sealed class GatesConfigTests
{
    [Fact]
    public async Task RunAllAsync_LineEndingsAndFailingCommand_EveryGateReported()
    {
        var ct = Timeout();
        using var repo = await TempRepo.CreateAsync(ct);
        repo.Write("svc/app.py", "a = 1\r\n");
        await repo.CommitAllAsync("crlf", ct);
        var config = new GatesConfig { Commands = [new CommandGateConfig { Name = "compile", Run = "exit 1" }, new CommandGateConfig { Name = "lint", Run = "true" }] };

        var results = await GateRunner.RunAllAsync(config.Create(new ChildProcess(), TimeProvider.System), new GateContext(repo.Root, ["svc"]), ct);

        Assert.Equal([("line-endings", false), ("compile", false), ("lint", true)], results.Select(r => (r.Gate, r.Passed)));
    }

    [Fact]
    public void Create_LineEndingsOff_OnlyCommands()
    {
        var config = new GatesConfig { LineEndings = null, Commands = [new CommandGateConfig { Name = "compile", Run = "true" }] };

        Assert.Equal(["compile"], config.Create(new ChildProcess(), TimeProvider.System).Select(g => g.Name));
    }
}
