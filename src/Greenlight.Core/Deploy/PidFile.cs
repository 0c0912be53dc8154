using System.Globalization;
using Greenlight.Processes;

namespace Greenlight.Deploy;

/// <summary>
/// One started service as <see cref="PidRegistry"/> writes it: its process group, the tag in its
/// environment, and the run and Greenlight process that own it. Plain <c>key=value</c> lines.
/// </summary>
internal sealed record PidFile(int GroupId, string Tag, string Command, string? RunId, ProcessOwner? Owner, DateTimeOffset? RunStarted)
{
    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"pid={GroupId}\ntag={Tag}\ncommand={Command.ReplaceLineEndings(" ")}\nrun={RunId}\nowner_pid={Owner?.ProcessId}\nowner_start={Owner?.StartTicks}\nrun_started={RunStarted:O}\n");

    /// <summary>Null when the file names no process group (not one of ours, or damaged).</summary>
    public static PidFile? Parse(string text)
    {
        var fields = text.Split('\n')
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        if (!Int(fields, "pid", out var group) || !fields.TryGetValue("tag", out var tag))
        {
            return null;
        }

        ProcessOwner? owner = Int(fields, "owner_pid", out var pid) && fields.TryGetValue("owner_start", out var s)
            && long.TryParse(s, CultureInfo.InvariantCulture, out var ticks) ? new ProcessOwner(pid, ticks) : null;
        DateTimeOffset? started = fields.TryGetValue("run_started", out var r)
            && DateTimeOffset.TryParse(r, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;
        var run = fields.GetValueOrDefault("run") is { Length: > 0 } id ? id : null;
        return new PidFile(group, tag, fields.GetValueOrDefault("command") ?? "", run, owner, started);
    }

    private static bool Int(Dictionary<string, string> fields, string key, out int value)
    {
        value = 0;
        return fields.TryGetValue(key, out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out value);
    }
}
