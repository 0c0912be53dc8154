using System.Globalization;

namespace Greenlight.Analysis.Evidence;

internal static class Durations
{
    /// <summary>"2.1 s", "4 min 10 s", "3 h 5 min": what a person reads in a worklog.</summary>
    public static string Describe(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
        }

        return span < TimeSpan.FromHours(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min");
    }
}
