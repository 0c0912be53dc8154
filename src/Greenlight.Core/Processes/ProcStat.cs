using System.Globalization;

namespace Greenlight.Processes;

/// <summary>The fields of <c>/proc/&lt;pid&gt;/stat</c> Greenlight needs to recognise its own processes.</summary>
public readonly record struct ProcStat(int ProcessId, char State, int GroupId, long StartTicks)
{
    public static bool TryRead(int pid, out ProcStat stat)
    {
        stat = default;
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        // The command name may hold spaces and parentheses; the fields start after the last ')'.
        var close = text.LastIndexOf(')');
        if (close < 0)
        {
            return false;
        }

        var fields = text[(close + 2)..].Split(' ');
        if (fields.Length < 20
            || !int.TryParse(fields[2], CultureInfo.InvariantCulture, out var group)
            || !long.TryParse(fields[19], CultureInfo.InvariantCulture, out var start))
        {
            return false;
        }

        stat = new ProcStat(pid, fields[0][0], group, start);
        return true;
    }

    /// <summary>The NUL-separated environment of a process, or empty when it cannot be read.</summary>
    public static string ReadEnvironment(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ");
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
