using System.Text;
using Greenlight.Results;

namespace Greenlight.Core.Tests.Results;

/// <summary>One test per hand-derived file in TestData/regression (each a real file, altered as its name says).</summary>
public sealed class JUnitRegressionTests
{
    private readonly JUnitResultReader _reader = new();

    [Fact]
    public async Task ReadAsync_TruncatedFile_KeepsCasesReadSoFarAndNamesLineAndPosition()
    {
        var path = TestData.Path("regression", "pytest-default-truncated.xml");

        var file = await _reader.ReadAsync(path, TestData.Timeout());

        Assert.Equal(5, file.Cases.Count);
        Assert.Equal("test_skipped", file.Cases[^1].Name);
        var problem = Assert.Single(file.Problems);
        Assert.StartsWith($"{path}: malformed or truncated XML at line 19, position ", problem, StringComparison.Ordinal); // the last line: the cut
        Assert.False(file.IsComplete);
    }

    [Fact]
    public async Task ReadAsync_DoctypeWithExternalEntity_IsRefusedWithAProblem()
    {
        var path = TestData.Path("regression", "pytest-default-xxe-doctype.xml");

        var file = await _reader.ReadAsync(path, TestData.Timeout());

        Assert.Empty(file.Cases);
        var problem = Assert.Single(file.Problems);
        Assert.Equal($"DTD not allowed (possible XML entity attack): {path}:2:1", problem); // where the DOCTYPE starts
        Assert.DoesNotContain("root:", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("DtdProcessing", problem, StringComparison.Ordinal); // .NET's advice to enable it
    }

    [Fact]
    public async Task ReadAsync_Utf8Bom_ReadsLikeTheOriginal()
    {
        var file = await _reader.ReadAsync(TestData.Path("regression", "pytest-default-utf8-bom.xml"), TestData.Timeout());

        Assert.True(file.IsComplete);
        Assert.Equal(12, file.Cases.Count);
        Assert.True(_reader.CanRead(File.ReadAllBytes(TestData.Path("regression", "pytest-default-utf8-bom.xml"))));
    }

    [Fact]
    public async Task ReadAsync_SurefireThousandsSeparatorInTime_ParsesSeconds()
    {
        var file = await _reader.ReadAsync(TestData.Path("regression", "gotestsum-surefire-thousands-time.xml"), TestData.Timeout());

        Assert.Equal(TimeSpan.FromSeconds(1234.5), file.Cases.Single(c => c.Name == "TestListAgents").Duration);
    }

    [Fact]
    public async Task ReadAsync_HugeMessageAttribute_IsCutToTheFieldLimit()
    {
        var directory = TestData.TempDirectory();
        var path = Path.Combine(directory, "huge-attribute.xml");
        var original = await File.ReadAllTextAsync(TestData.Path("pytest", "pytest-default.xml"), TestData.Timeout());
        var huge = new string('x', 3 * 1024 * 1024);
        await File.WriteAllTextAsync(path, original.Replace("message=\"known bug 123\"", $"message=\"{huge}\"", StringComparison.Ordinal), Encoding.UTF8, TestData.Timeout());
        var limits = new ResultReaderLimits { MaxFieldCharacters = 1000 };

        var file = await new JUnitResultReader(limits).ReadAsync(path, TestData.Timeout());

        Assert.True(file.IsComplete);
        var xfail = file.Cases.Single(c => c.Name == "test_xfail");
        Assert.StartsWith(new string('x', 1000) + "\n[greenlight: cut ", xfail.Message, StringComparison.Ordinal);
        Assert.True(xfail.Message!.Length < 1100);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task ReadAsync_DocumentOverCharacterLimit_StopsWithAProblem()
    {
        var limits = new ResultReaderLimits { MaxDocumentCharacters = 1000 };

        var file = await new JUnitResultReader(limits).ReadAsync(TestData.Path("pytest", "pytest-default.xml"), TestData.Timeout());

        Assert.False(file.IsComplete);
        Assert.True(file.Cases.Count < 12);
    }

    [Fact]
    public async Task ReadAsync_MissingFile_ReturnsAProblemNotAnException()
    {
        var path = Path.Combine(TestData.TempDirectory(), "nothing.xml");

        var file = await _reader.ReadAsync(path, TestData.Timeout());

        Assert.Equal([$"{path}: result file not found"], file.Problems);
        Assert.Empty(file.Cases);
    }

    [Fact]
    public async Task ReadAsync_NestedSuites_ReadsInnerCasesAndOuterOutput()
    {
        var file = await _reader.ReadAsync(TestData.Path("regression", "gotestsum-nested-suites.xml"), TestData.Timeout());

        Assert.True(file.IsComplete);
        Assert.Equal(7, file.Cases.Count);
        Assert.All(file.Cases, c => Assert.EndsWith("outer suite output", c.Output, StringComparison.Ordinal));
        Assert.StartsWith("=== RUN", file.Cases.Single(c => c.Name == "TestSub/bad").StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_CancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _reader.ReadAsync(TestData.Path("pytest", "pytest-default.xml"), cancelled.Token));
    }
}
