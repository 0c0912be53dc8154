using System.Globalization;
using System.Text;

namespace Greenlight.Analysis.Tests;

/// <summary>Writes log files shaped like real services' output.</summary>
internal static class LogFiles
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A python-logging style file: INFO lines, and every 50th entry an ERROR with a traceback.</summary>
    public static void WriteLarge(string path, int entries, TimeSpan step)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        for (var i = 0; i < entries; i++)
        {
            var t = Start + (step * i);
            if (i % 50 == 49)
            {
                writer.Write($"{Time(t)} ERROR agentchat.ws: handler failed for request {i}\nTraceback (most recent call last):\n  File \"/app/ws.py\", line 88, in handle\n    validate(user)\nKeyError: 'user-{i}'\n");
            }
            else
            {
                writer.Write($"{Time(t)} INFO agentchat.api: GET /api/threads/{i} 200 in 12 ms\n");
            }
        }
    }
}
