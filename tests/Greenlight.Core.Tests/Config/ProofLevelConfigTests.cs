using Greenlight.Model;

namespace Greenlight.Core.Tests.Config;

/// <summary><c>proof.level</c>: the weakest proof level a pass may have; below window it must say why.</summary>
public sealed class ProofLevelConfigTests
{
    private const string Suite = """
        project: demo
        suites:
          - id: api
            priority: P1
            runner: command
            command: newman run collection.json
            results: out/junit.xml

        """;

    [Fact]
    public void Parse_SuiteLevelWithReason_Typed()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse(Suite.TrimEnd() + "\n    proof: { level: suite, level_reason: \"newman writes no per-request times\" }\n");

        var proof = Assert.Single(result.Config!.Suites).Proof;
        Assert.Equal(ProofLevel.Suite, proof.Level);
        Assert.Equal("newman writes no per-request times", proof.LevelReason);
    }

    [Fact]
    public void Parse_NoProofBlock_WindowRequired()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse(Suite);

        Assert.Equal(ProofLevel.Window, Assert.Single(result.Config!.Suites).Proof.Level);
    }

    [Fact]
    public void Parse_SuiteLevelWithoutReasonAndUnknownLevel_BothReportedWithLines()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse(Suite + "  - { id: b, priority: P2, runner: command, command: x, results: y, proof: { level: suite } }\n"
            + "  - { id: c, priority: P2, runner: command, command: x, results: y, proof: { level: windw } }\n");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Line == 8 && e.Message.Contains("needs level_reason", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Line == 9 && e.Message.Contains("'windw' is not a proof level", StringComparison.Ordinal) && e.Message.Contains("window", StringComparison.Ordinal));
    }
}
