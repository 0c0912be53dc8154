using Greenlight.Model;
using Greenlight.Reporting;

namespace Greenlight.Core.Tests.Reporting;

/// <summary>A run written to a temporary run folder by the reporter and read back as <c>greenlight report</c> reads it.</summary>
internal static class RunFiles
{
    public static async Task<string> WriteAsync(RunRecord run)
    {
        var directory = Greenlight.Core.Tests.Results.TestData.TempDirectory();
        await new RunJsonReporter().WriteAsync(run, directory, TestContext.Current.CancellationToken);
        return directory;
    }

    public static async Task<RunRecord> RoundTripAsync(RunRecord run)
    {
        var directory = await WriteAsync(run);
        try
        {
            return (await RunOutputs.ReadAsync(directory, TestContext.Current.CancellationToken))!;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
