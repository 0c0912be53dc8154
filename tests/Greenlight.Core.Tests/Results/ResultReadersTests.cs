using Greenlight.Results;

namespace Greenlight.Core.Tests.Results;

public sealed class ResultReadersTests
{
    private readonly ResultReaders _readers = ResultReaders.CreateDefault();

    [Theory]
    [InlineData("pytest", "pytest-default.xml", "junit", 12)]
    [InlineData("jest", "jest-junit.xml", "junit", 6)]
    [InlineData("gotestsum", "gotestsum.xml", "junit", 7)]
    [InlineData("xunit2", "xunit2.junit.xml", "junit", 5)]
    [InlineData("xunit3", "xunit3.junit.xml", "junit", 7)]
    [InlineData("xunit2", "xunit2.vstest.trx", "trx", 5)]
    [InlineData("xunit3", "xunit3.mtp.trx", "trx", 7)]
    [InlineData("xunit3", "xunit3.xunit.trx", "trx", 7)]
    [InlineData("xunit3", "xunit3.xunit.xml", "xunit", 7)]
    [InlineData("regression", "pytest-default-utf8-bom.xml", "junit", 12)]
    [InlineData("gotest", "gotest.jsonl", "go-test-json", 12)]
    [InlineData("nunit", "nunit-engine.xml", "nunit3", 13)]
    [InlineData("nunit", "nunit-logger.xml", "nunit3", 13)]
    [InlineData("jest", "jest-repeated.json", "jest-json", 8)]
    [InlineData("mocha", "mocha.json", "mocha-json", 9)]
    [InlineData("rspec", "rspec.json", "rspec-json", 8)]
    public async Task ReadAsync_CorpusFile_PicksTheReaderFromContent(string producer, string file, string format, int cases)
    {
        // Copied under a name that says nothing, so only the content can decide.
        var directory = TestData.TempDirectory();
        var path = Path.Combine(directory, "results.out");
        File.Copy(TestData.Path(producer, file), path);

        var result = await _readers.ReadAsync(path, TestData.Timeout());

        Assert.Equal(format, result.Format);
        Assert.Equal(cases, result.Cases.Count);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task ReadAsync_NotAResultFile_ReturnsUnrecognisedFormatProblem()
    {
        var path = TestData.Path("jest", Path.Combine("source", "agents.test.js.txt"));

        var result = await _readers.ReadAsync(path, TestData.Timeout());

        Assert.Equal("unknown", result.Format);
        Assert.Empty(result.Cases);
        Assert.StartsWith($"{path}: unrecognised result format (starts with \"describe('agents api'", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_EmptyFile_ReturnsAProblem()
    {
        var path = Path.Combine(TestData.TempDirectory(), "empty.xml");
        await File.WriteAllBytesAsync(path, [], TestData.Timeout());

        var result = await _readers.ReadAsync(path, TestData.Timeout());

        Assert.Equal([$"{path}: result file is empty"], result.Problems);
    }

    [Fact]
    public async Task ReadAsync_MissingFile_ReturnsAProblem()
    {
        var path = Path.Combine(TestData.TempDirectory(), "missing.trx");

        var result = await _readers.ReadAsync(path, TestData.Timeout());

        Assert.Equal([$"{path}: result file not found"], result.Problems);
        Assert.False(result.IsComplete);
    }

    [Theory]
    [InlineData("pytest", "pytest-repeated.xml")]
    [InlineData("jest", "jest-repeated.json")]
    [InlineData("mocha", "mocha.json")]
    [InlineData("rspec", "rspec.json")]
    [InlineData("gotest", "gotest.jsonl")]
    [InlineData("nunit", "nunit-engine.xml")]
    [InlineData("xunit3", "xunit3.mtp.trx")]
    [InlineData("xunit3", "xunit3.xunit.xml")]
    public async Task ReadAsync_CorpusFile_GivesEveryCaseItsOwnFullName(string producer, string file)
    {
        var result = await _readers.ReadAsync(TestData.Path(producer, file), TestData.Timeout());

        Assert.NotEmpty(result.Cases);
        Assert.Equal(result.Cases.Count, result.Cases.Select(c => c.FullName).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Detect_XxeDoctypeBeforeRoot_StillPicksJUnitSoTheReaderCanRefuseIt()
    {
        var head = File.ReadAllBytes(TestData.Path("regression", "pytest-default-xxe-doctype.xml"));

        Assert.IsType<JUnitResultReader>(_readers.Detect(head));
    }

    [Theory]
    [InlineData("junit", "xunit3", "xunit3.mtp.trx", "root element <TestRun> is not JUnit XML")]
    [InlineData("trx", "pytest", "pytest-default.xml", "root element <testsuites> is not TRX")]
    [InlineData("xunit", "xunit2", "xunit2.vstest.trx", "root element <TestRun> is not an xunit report")]
    [InlineData("nunit3", "pytest", "pytest-default.xml", "root element <testsuites> is not NUnit 3 XML")]
    [InlineData("jest-json", "mocha", "mocha.json", "no \"testResults\": not a jest JSON report")]
    [InlineData("mocha-json", "rspec", "rspec.json", "no \"tests\": not a mocha JSON report")]
    [InlineData("rspec-json", "jest", "jest-repeated.json", "no \"examples\": not an RSpec JSON report")]
    [InlineData("go-test-json", "jest", "jest-repeated.json", "no go test event in the file")]
    public async Task ReadAsync_ReaderGivenAnotherFormat_ReturnsAProblemNotCases(string format, string producer, string file, string expected)
    {
        var reader = _readers.Readers.Single(r => r.Format == format);
        var path = TestData.Path(producer, file);

        var result = await reader.ReadAsync(path, TestData.Timeout());

        Assert.Empty(result.Cases);
        Assert.Equal([$"{path}: {expected}"], result.Problems);
    }
}
