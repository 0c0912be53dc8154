namespace Greenlight.Core.Tests.Results;

/// <summary>Paths into the corpus of real result files copied next to the test binary.</summary>
internal static class TestData
{
    public static string Path(string producer, string file) =>
        System.IO.Path.Combine(AppContext.BaseDirectory, "Results", "TestData", producer, file);

    public static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    /// <summary>A fresh folder for files a test derives from the corpus; safe under parallel test classes.</summary>
    public static string TempDirectory()
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "greenlight-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }
}
