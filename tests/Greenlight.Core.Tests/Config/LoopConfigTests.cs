using Greenlight.Guards;

namespace Greenlight.Core.Tests.Config;

public sealed class LoopConfigTests
{
    private const string Minimal = """
        project: demo
        suites:
          - id: smoke
            priority: P1
            runner: pytest
            path: tests

        """;

    [Fact]
    public void Parse_LoopGatesGuard_MapsEveryKey()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse(Minimal + """
            loop:
              iterations: 4
              remediate: ./fix.sh --fast
              remediate_timeout: 2m
              stop_when_no_progress: 3
              rollback: false
              test_after_rollback: true
            gates:
              line_endings: { include: ["*.py"], exclude: ["vendor/**"], shebangs: false, lines_per_file: 2 }
              commands:
                - name: compile
                  run: python3 -m py_compile service.py
                  working_directory: src
                  timeout: 30s
            guard:
              policy: flag
              test_globs: ["checks/**"]
              include_untracked: false
              refuse_dirty: true
            """);

        Assert.True(result.Succeeded, ConfigFixture.Errors(result));
        var config = result.Config!;
        Assert.Equal(4, config.Loop.Iterations);
        Assert.Equal("./fix.sh --fast", config.Loop.Remediate);
        Assert.Equal(TimeSpan.FromMinutes(2), config.Loop.RemediateTimeout);
        Assert.Equal(3, config.Loop.StopWhenNoProgress);
        Assert.False(config.Loop.Rollback);
        Assert.True(config.Loop.TestAfterRollback);
        Assert.Equal(["*.py"], config.Gates.LineEndings!.Include);
        Assert.Equal(["vendor/**"], config.Gates.LineEndings.Exclude);
        Assert.False(config.Gates.LineEndings.Shebangs);
        Assert.Equal(2, config.Gates.LineEndings.LinesPerFile);
        var gate = Assert.Single(config.Gates.Commands);
        Assert.Equal(("compile", "python3 -m py_compile service.py", "src", TimeSpan.FromSeconds(30)), (gate.Name, gate.Run, gate.WorkingDirectory, gate.Timeout));
        Assert.Equal(TamperingPolicy.Flag, config.Guard.Policy);
        Assert.Equal(["checks/**"], config.Guard.TestGlobs);
        Assert.False(config.Guard.IncludeUntracked);
        Assert.True(config.Guard.RefuseDirty);
    }

    [Fact]
    public void Parse_NoLoopSection_DefaultsOneIterationRollbackOnLineEndingsOnRejectTampering()
    {
        using var fixture = new ConfigFixture();

        var config = fixture.Parse(Minimal).Config!;

        Assert.Equal((1, null, 2, true, false), (config.Loop.Iterations, config.Loop.Remediate, config.Loop.StopWhenNoProgress, config.Loop.Rollback, config.Loop.TestAfterRollback));
        Assert.NotNull(config.Gates.LineEndings);
        Assert.Empty(config.Gates.Commands);
        Assert.Equal(TamperingPolicy.Reject, config.Guard.Policy);
    }

    [Fact]
    public void Parse_LineEndingsFalse_TurnsTheGateOff()
    {
        using var fixture = new ConfigFixture();

        var config = fixture.Parse(Minimal + "gates: { line_endings: false }\n").Config!;

        Assert.Null(config.Gates.LineEndings);
    }

    [Fact]
    public void Parse_BadLoopValues_EveryErrorWithLineAndField()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse(Minimal + """
            loop:
              iterations: 0
              stop_when_no_progress: 1
              remediate_timeout: soon
              retries: 3
            gates:
              commands:
                - name: compile
            guard:
              policy: lenient
            """);

        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.Equal(6, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("greenlight.yaml:8:15: loop.iterations: must be a number between 1 and 100", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("greenlight.yaml:9:26: loop.stop_when_no_progress: must be a number of iterations between 2 and 100", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("greenlight.yaml:10:22: loop.remediate_timeout:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("greenlight.yaml:11:3: loop.retries: unknown key 'retries'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("gates.commands[0].run", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("greenlight.yaml:16:11: guard.policy: must be allow, flag or reject, not 'lenient'", StringComparison.Ordinal));
    }
}
