using AgentChat.Backend.Agents;

namespace AgentChat.Tests.Unit;

public sealed class AgentDefinitionParserTests
{
    /// <summary>The agents.def the build copied next to the backend (and to this test's output).</summary>
    public static string BuiltFile => Path.Combine(AppContext.BaseDirectory, "agents.def");

    [Fact]
    public void Load_ShippedFile_FourAgentsBoundToTheirImplementations()
    {
        var catalog = AgentCatalog.Load(Catalog.LoadBundled(), BuiltFile);

        Assert.Equal(["data-helper", "failing-tool", "researcher", "triage"], catalog.All.Select(a => a.Id));
        Assert.Equal(["compute_stats"], catalog.Describe("data-helper")!.Tools.Select(t => t.Name));
        Assert.Equal(["data-helper", "researcher"], catalog.Describe("triage")!.HandoffTargets);
        Assert.Equal("Researcher", catalog.Describe("researcher")!.Name);
    }

    [Fact]
    public void Parse_CrlfFromLineThree_FailsNamingFileAndLineThree()
    {
        var text = "agent data-helper\nname: Data helper\r\ndescription: x\r\n";

        var error = Assert.Throws<AgentDefinitionException>(() => AgentDefinitionParser.Parse("agents.def", text.Replace("name: Data helper\r\n", "name: Data helper\n", StringComparison.Ordinal)));

        Assert.Equal(3, error.Line);
        Assert.Equal("agents.def:3: line ends with a carriage return (CRLF line ending); agent definitions must use LF line endings", error.Message);
    }

    [Fact]
    public void Parse_ShippedFileWithCrlf_FailsOnTheFirstLine()
    {
        var crlf = File.ReadAllText(BuiltFile).ReplaceLineEndings("\r\n");

        var error = Assert.Throws<AgentDefinitionException>(() => AgentDefinitionParser.Parse(BuiltFile, crlf));

        Assert.Equal((BuiltFile, 1), (error.File, error.Line));
        Assert.Contains("carriage return", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: x\n", 1, "expected 'agent <id>' before any other line")]
    [InlineData("agent Data_Helper\n", 1, "'Data_Helper' is not an agent id (lower-case letters, digits and '-')")]
    [InlineData("agent a1\nname: A\n  description: d\n", 3, "unexpected indentation")]
    [InlineData("agent a1\nname: A\ncolour: red\n", 3, "unknown or repeated key 'colour' in agent 'a1'")]
    [InlineData("agent a1\nname: A\nname: B\n", 3, "unknown or repeated key 'name' in agent 'a1'")]
    [InlineData("agent a1\nname: A\ndescription:\n", 3, "expected '<key>: <value>'")]
    [InlineData("agent a1\nname: A\n\nagent b2\n", 1, "agent 'a1' needs a name and a description")]
    [InlineData("agent a1\nname: A\ndescription: d\nagent a1\nname: A\ndescription: d\n", 4, "agent 'a1' is defined twice")]
    public void Parse_Malformed_ReasonAndLine(string text, int line, string reason)
    {
        var error = Assert.Throws<AgentDefinitionException>(() => AgentDefinitionParser.Parse("agents.def", text));

        Assert.Equal((line, reason), (error.Line, error.Reason));
    }

    [Fact]
    public void Catalog_DefinitionWithOtherTools_FailsNamingTheAgentsLine()
    {
        var definitions = AgentDefinitionParser.Parse("agents.def", File.ReadAllText(BuiltFile).Replace("tool compute_stats:", "tool compute_totals:", StringComparison.Ordinal));

        var error = Assert.Throws<AgentDefinitionException>(() => new AgentCatalog(Catalog.LoadBundled(), "agents.def", definitions));

        Assert.Equal(definitions.Single(d => d.Id == "data-helper").Line, error.Line);
        Assert.Contains("its implementation uses tools [compute_stats]", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_AgentMissingFromFile_Fails()
    {
        var definitions = AgentDefinitionParser.Parse("agents.def", File.ReadAllText(BuiltFile)).Where(d => d.Id != "researcher").ToList();

        var error = Assert.Throws<AgentDefinitionException>(() => new AgentCatalog(Catalog.LoadBundled(), "agents.def", definitions));

        Assert.Equal("no definition for agent 'researcher'", error.Reason);
    }
}
