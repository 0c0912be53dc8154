using System.Globalization;

namespace Greenlight.Config.Loading;

/// <summary>Durations as people write them in config: 500ms, 30s, 5m, 1h, or seconds as a number.</summary>
public static class DurationText
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : text.EndsWith('m') ? (text[..^1], 60_000.0)
            : text.EndsWith('h') ? (text[..^1], 3_600_000.0)
            : (text, 1000.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || double.IsNaN(amount) || amount > 1e9)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(amount * unit);
        return true;
    }
}
