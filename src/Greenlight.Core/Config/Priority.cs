namespace Greenlight.Config;

/// <summary>Priority tiers P1 (most critical) to P6, as written in config and on the command line.</summary>
public static class Priority
{
    public const int Highest = 1;
    public const int Lowest = 6;

    /// <summary>Accepts P1..P6, p1..p6 and 1..6.</summary>
    public static bool TryParse(string text, out int priority)
    {
        var digits = text.Length == 2 && text[0] is 'P' or 'p' ? text[1..] : text;
        priority = digits.Length == 1 && digits[0] is >= '1' and <= '6' ? digits[0] - '0' : 0;
        return priority != 0;
    }
}
