using System.Globalization;

namespace Greenlight.Reporting;

/// <summary>How times, durations and rates read in reports.</summary>
public static class Format
{
    public static string Duration(long ms) => ms switch
    {
        < 1000 => $"{ms} ms",
        < 60_000 => string.Create(CultureInfo.InvariantCulture, $"{ms / 1000.0:0.0#} s"),
        _ => $"{ms / 60_000} m {ms % 60_000 / 1000} s",
    };

    public static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Percent(double rate) => string.Create(CultureInfo.InvariantCulture, $"{rate * 100:0.#} %");

    public static string Criterion(double maxFailureRate) =>
        maxFailureRate == 0 ? "no failure allowed" : $"at most {Percent(maxFailureRate)} failures";
}
