using Greenlight.Config;

namespace Greenlight.Core.Tests.Config;

/// <summary><c>proof:</c> and <c>tracking:</c> become typed records when the config loads, so a run never reads YAML again.</summary>
public sealed class TypedBlocksTests
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
    public void Parse_ProofBlock_TypedConfigWithLine()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse(Minimal.TrimEnd() + """

                proof:
                  min_duration_ms: 5
                  clock_skew_ms: 100
                  duration_drop_ratio: 0.2
                  require_traffic: no
                  mock_patterns: [StubClient, "re:fake\\w+"]
                  disabled: { no-traffic: "talks to a third party we cannot proxy" }

            """);

        var proof = Assert.Single(result.Config!.Suites).Proof;
        Assert.Equal(5, proof.MinDurationMs);
        Assert.Equal(100, proof.ClockSkewMs);
        Assert.Equal(0.2, proof.DurationDropRatio);
        Assert.False(proof.RequireTraffic);
        Assert.Equal(["StubClient", "re:fake\\w+"], proof.MockPatterns);
        Assert.Equal("talks to a third party we cannot proxy", proof.Disabled["no-traffic"]);
        Assert.Equal(8, proof.Line);
    }

    [Fact]
    public void Parse_NoProofBlock_Defaults()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse(Minimal);

        Assert.Same(ProofConfig.Default, Assert.Single(result.Config!.Suites).Proof);
    }

    [Fact]
    public void Parse_TrackingFolder_AbsoluteUnderConfigFolder()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse(Minimal + "tracking:\n  folder: .greenlight/issues\n");

        Assert.Equal(Path.Combine(fixture.Root, ".greenlight", "issues"), result.Config!.Tracking!.Folder);
        Assert.Null(result.Config.Tracking.GitHub);
    }

    [Fact]
    public void Parse_TrackingGitHub_TypedWithDefaults()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse(Minimal + "tracking:\n  github:\n    repo: acme/shop\n    labels: [e2e, p1]\n    api_url: https://ghe.example.com/\n");

        var github = result.Config!.Tracking!.GitHub!;
        Assert.Equal("acme/shop", github.Repository);
        Assert.Equal("GITHUB_TOKEN", github.TokenEnvironmentVariable);
        Assert.Equal(["e2e", "p1"], github.Labels);
        Assert.Equal(new Uri("https://ghe.example.com/"), github.ApiUrl);
        Assert.Equal(8, result.Config.Tracking.Line);
    }

    [Fact]
    public void Parse_NoTracking_Null()
    {
        using var fixture = new ConfigFixture();

        Assert.Null(fixture.Parse(Minimal).Config!.Tracking);
    }
}
