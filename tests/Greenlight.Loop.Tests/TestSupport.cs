namespace Greenlight.Loop.Tests;

internal static class TestSupport
{
    public static CancellationToken Timeout(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "greenlight-loop-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
