using System.Globalization;

namespace Greenlight.Results;

/// <summary>Durations written as seconds by XML formats (JUnit, NUnit).</summary>
internal static class Seconds
{
    /// <summary>Seconds in invariant culture; Surefire groups thousands (<c>1,234.5</c>). Anything unusable is zero.</summary>
    public static TimeSpan Parse(string? time) =>
        double.TryParse(time, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var seconds)
            && double.IsFinite(seconds) && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.Zero;
}
