namespace AgentChat.Common.Logging;

/// <summary>
/// Folds a block of lines that repeats back to back (the frames of a runaway recursion) into
/// one copy and a count, the way .NET reports a stack overflow: a trace thousands of frames
/// deep stays one readable log field that still shows which methods repeat and how often.
/// </summary>
public static class RepeatedLines
{
    /// <summary>Longest cycle looked for (a recursion through up to this many methods).</summary>
    public const int MaxPeriod = 16;

    /// <summary>Fewer repeats than this are written out as they are.</summary>
    public const int MinRepeats = 3;

    public static string Fold(string text) => Fold(text.Split('\n'));

    public static string Fold(IReadOnlyList<string> text)
    {
        var lines = text as string[] ?? [.. text];
        var output = new List<string>(Math.Min(lines.Length, 256));
        var i = 0;
        while (i < lines.Length)
        {
            var (period, repeats) = LongestCycleAt(lines, i);
            if (repeats < MinRepeats)
            {
                output.Add(lines[i]);
                i++;
                continue;
            }

            output.Add($"   --- the next {period} line(s) repeat {repeats} times ---");
            output.AddRange(lines.AsSpan(i, period));
            output.Add("   --- end of repeated lines ---");
            i += period * repeats;
        }

        return string.Join('\n', output);
    }

    private static (int Period, int Repeats) LongestCycleAt(string[] lines, int start)
    {
        var best = (Period: 1, Repeats: 1);
        for (var period = 1; period <= MaxPeriod && start + (2 * period) <= lines.Length; period++)
        {
            var repeats = 1;
            while (start + ((repeats + 1) * period) <= lines.Length && SameBlock(lines, start, start + (repeats * period), period))
            {
                repeats++;
            }

            if (repeats >= MinRepeats && repeats * period > best.Repeats * best.Period)
            {
                best = (period, repeats);
            }
        }

        return best;
    }

    private static bool SameBlock(string[] lines, int a, int b, int length)
    {
        for (var k = 0; k < length; k++)
        {
            if (!string.Equals(lines[a + k], lines[b + k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
