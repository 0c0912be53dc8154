using System.Globalization;

namespace Greenlight.Runs;

/// <summary>Run ids such as <c>20261123-112233-ab12</c>: sortable by start time, unique enough with a random tail.</summary>
public static class RunId
{
    public static string Create(TimeProvider time, Random random)
    {
        var now = time.GetUtcNow();
        var tail = random.Next(0, 0x10000).ToString("x4", CultureInfo.InvariantCulture);
        return $"{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{tail}";
    }
}
