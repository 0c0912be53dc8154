using Greenlight.Config.Loading;

namespace Greenlight.Core.Tests.Config;

public sealed class HostileConfigTests
{
    [Fact]
    public void Load_FortyThousandNestedBrackets_DepthErrorAtTheLevelTooDeep()
    {
        using var fixture = new ConfigFixture();
        var path = Path.Combine(fixture.Root, ConfigLoader.FileName);
        File.WriteAllText(path, "project: demo\nsuites: " + new string('[', 40_000) + "\n");

        var result = ConfigLoader.Load(path);

        // The root mapping is level 1, so the 64th '[' (column 8 + 64) is the first level refused:
        // the walk stopped there and the recursive tree builder never saw the file.
        var error = Assert.Single(result.Errors);
        Assert.Null(result.Config);
        Assert.Equal((2, 72), (error.Line, error.Column));
        Assert.StartsWith("suites[0][0][0]", error.Field, StringComparison.Ordinal);
        Assert.Equal("nested more than 64 levels deep; a greenlight.yaml needs far fewer (is this the right file?)", error.Message);
    }

    [Fact]
    public void Parse_SixtyFourLevels_Accepted_SixtyFiveRefused()
    {
        using var fixture = new ConfigFixture();

        var fits = fixture.Parse("project: demo\nx: " + new string('[', 63) + new string(']', 63) + "\n");
        var deeper = fixture.Parse("project: demo\nx: " + new string('[', 64) + new string(']', 64) + "\n");

        Assert.DoesNotContain("nested more than", ConfigFixture.Errors(fits), StringComparison.Ordinal);
        Assert.Contains("2:67: x[0]", ConfigFixture.Errors(deeper), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileOverOneMegabyte_RefusedBeforeReading()
    {
        using var fixture = new ConfigFixture();
        var path = Path.Combine(fixture.Root, ConfigLoader.FileName);
        File.WriteAllText(path, "project: demo\n# " + new string('x', 2 * 1024 * 1024) + "\n");

        var result = ConfigLoader.Load(path);

        var error = Assert.Single(result.Errors);
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Equal("the file is 2048 KB; a greenlight.yaml may be at most 1024 KB (is this the right file?)", error.Message);
    }

    [Fact]
    public void Parse_TabIndentingAKey_ErrorAtTheTab()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse("project: demo\nservices:\n  api:\n\tlocal: x\n");

        Assert.Equal("greenlight.yaml:4:1: invalid YAML: a tab is used for indentation; YAML indents with spaces only", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Parse_TabAfterSpacesInAListItem_ErrorAtTheTab()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse("project: demo\nsuites:\n  - id: a\n  \t  runner: x\n");

        Assert.StartsWith("greenlight.yaml:4:3: invalid YAML", Assert.Single(result.Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TabInsideAValue_NotAnError()
    {
        using var fixture = new ConfigFixture();
        var yaml = ConfigFixture.Valid.Replace("impact: \"$120K+ MRR\"", "impact: \"$120K+\tMRR\"", StringComparison.Ordinal);

        var result = fixture.Parse(yaml);

        Assert.True(result.Succeeded, ConfigFixture.Errors(result));
    }

    [Fact]
    public void Parse_SeveralDuplicateKeys_EveryOneReportedWithItsField()
    {
        using var fixture = new ConfigFixture();
        var yaml = ConfigFixture.Valid
            .Replace("project: demo\n", "project: demo\nproject: other\n", StringComparison.Ordinal)
            .Replace("      ready_timeout: 30s\n", "      ready_timeout: 30s\n      ready_timeout: 40s\n", StringComparison.Ordinal)
            .Replace("    runner: pytest\n", "    runner: pytest\n    runner: dotnet\n", StringComparison.Ordinal);

        var result = fixture.Parse(yaml);

        Assert.Null(result.Config);
        Assert.Equal(
            [
                "greenlight.yaml:2:1: project: duplicate key 'project' (first set on line 1); keep one",
                "greenlight.yaml:20:7: services.backend.local.ready_timeout: duplicate key 'ready_timeout' (first set on line 19); keep one",
                "greenlight.yaml:42:5: suites[1].runner: duplicate key 'runner' (first set on line 41); keep one",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Parse_DuplicateKeyAndSyntaxErrorLater_BothReported()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse("project: a\nproject: b\nsuites:\n  - id: a\n   runner: x\n");

        Assert.Equal(2, result.Errors.Count);
        Assert.Contains("2:1: project: duplicate key 'project'", result.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.StartsWith("greenlight.yaml:5:", result.Errors[1].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameKeyInSiblingMappings_NotADuplicate()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse(ConfigFixture.Valid);

        Assert.True(result.Succeeded, ConfigFixture.Errors(result));
    }
}
