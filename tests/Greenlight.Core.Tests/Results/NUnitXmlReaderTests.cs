using System.Globalization;
using System.Xml.Linq;
using Greenlight.Model;
using Greenlight.Results;

namespace Greenlight.Core.Tests.Results;

/// <summary>NUnit 4.4 runs: the engine's report (NUnit3TestAdapter's TestOutputXml) and NunitXml.TestLogger's; see TestData/README.md.</summary>
public sealed class NUnitXmlReaderTests
{
    private readonly NUnitXmlReader _reader = new();
    private readonly string _engine = TestData.Path("nunit", "nunit-engine.xml");

    [Theory]
    [InlineData("nunit-engine.xml")]
    [InlineData("nunit-logger.xml")]
    public async Task ReadAsync_NUnitXml_HasOneCasePerTestCaseElement(string name)
    {
        var path = TestData.Path("nunit", name);
        var elements = XDocument.Load(path).Descendants("test-case").Count();

        var file = await _reader.ReadAsync(path, TestData.Timeout());

        Assert.Equal(13, elements);
        Assert.Equal(elements, file.Cases.Count);
        Assert.Contains(file.Cases, c => c.FullName == "Corpus.Nunit.AgentTests.Double_Values(3,7)" && c.Outcome == TestOutcome.Failed);
    }

    [Fact]
    public async Task ReadAsync_EngineReport_MapsEveryResultAndLabel()
    {
        var file = await _reader.ReadAsync(_engine, TestData.Timeout());

        Assert.Equal(TestOutcome.Failed, Case(file, "AgentTests.Agents_List_HasTwo").Outcome);
        Assert.Equal("Assert.That(new[] { 1 }, Has.Length.EqualTo(2))", Case(file, "AgentTests.Agents_List_HasTwo").Message);
        Assert.Equal(TestOutcome.Error, Case(file, "AgentTests.Socket_Closes_Unexpectedly").Outcome);
        Assert.Equal((TestOutcome.Skipped, "Ignored: backend not deployed"), Summary(file, "AgentTests.Stream_Tokens"));
        Assert.Equal((TestOutcome.Skipped, "Explicit: manual only"), Summary(file, "AgentTests.Manual_Check"));
        Assert.Equal((TestOutcome.Skipped, "Inconclusive: no reconnect data yet"), Summary(file, "AgentTests.Reconnect_NoData_IsInconclusive"));
        Assert.Equal(TestOutcome.Passed, Case(file, "AgentTests.Waits_For_Backend").Outcome);
    }

    [Fact]
    public async Task ReadAsync_EngineReport_CarriesTimesPropertiesAndOutput()
    {
        var file = await _reader.ReadAsync(_engine, TestData.Timeout());

        var failed = Case(file, "AgentTests.Agents_List_HasTwo");
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T19:48:50.1326121Z", CultureInfo.InvariantCulture), failed.Started);
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T19:48:50.2475644Z", CultureInfo.InvariantCulture), failed.Ended);
        Assert.Equal(TimeSpan.FromSeconds(0.115041), failed.Duration);
        var login = Case(file, "AgentTests.Login_ValidUser_ReturnsToken");
        Assert.Equal("smoke", login.Traits["Category"]);
        Assert.Equal("P1", login.Traits["Priority"]);
        Assert.Equal("POST /auth/login -> 200\n", login.Output);
        Assert.DoesNotContain("_SKIPREASON", Case(file, "AgentTests.Manual_Check").Traits.Keys);
    }

    [Fact]
    public async Task ReadAsync_OneTimeSetUpThatThrows_FailsEachTestOfTheFixtureAsAnError()
    {
        var file = await _reader.ReadAsync(_engine, TestData.Timeout());

        var query = Case(file, "BrokenSetupTests.Query_Agents");
        Assert.Equal(TestOutcome.Error, query.Outcome);
        Assert.Equal("OneTimeSetUp: SetUp : System.InvalidOperationException : database unavailable during setup", query.Message);
        Assert.Equal(TestOutcome.Error, Case(file, "BrokenSetupTests.Query_Models").Outcome);
    }

    [Fact]
    public async Task ReadAsync_OneTimeTearDownThatThrows_IsAProblemAtTheFixturesLine()
    {
        var line = File.ReadLines(_engine).TakeWhile(l => !l.Contains("name=\"BrokenTeardownTests\"", StringComparison.Ordinal)).Count() + 1;

        var file = await _reader.ReadAsync(_engine, TestData.Timeout());

        var problem = Assert.Single(file.Problems);
        Assert.StartsWith($"{_engine}:{line}:", problem, StringComparison.Ordinal);
        Assert.Contains("suite 'Corpus.Nunit.BrokenTeardownTests' failed in TearDown (\"TearDown : System.InvalidOperationException : could not drop test schema\")", problem, StringComparison.Ordinal);
        Assert.Equal(TestOutcome.Passed, Case(file, "BrokenTeardownTests.Writes_Agent").Outcome);
    }

    [Fact]
    public async Task ReadAsync_LoggerReport_NamesCasesAsTheEngineDoes()
    {
        var engine = await _reader.ReadAsync(_engine, TestData.Timeout());

        var logger = await _reader.ReadAsync(TestData.Path("nunit", "nunit-logger.xml"), TestData.Timeout());

        // The logger writes a short classname and loses the teardown error; full names still agree.
        Assert.Equal(engine.Cases.Select(c => c.FullName).Order(StringComparer.Ordinal), logger.Cases.Select(c => c.FullName).Order(StringComparer.Ordinal));
        Assert.Empty(logger.Problems);
        Assert.Equal(TestOutcome.Failed, logger.Cases.Single(c => c.Name == "Socket_Closes_Unexpectedly").Outcome);
    }

    private static TestCaseResult Case(ResultFile file, string name) => file.Cases.Single(c => c.FullName == "Corpus.Nunit." + name);

    private static (TestOutcome, string?) Summary(ResultFile file, string name) => (Case(file, name).Outcome, Case(file, name).Message);
}
