using System.Globalization;
using Greenlight.Model;

namespace Greenlight.Proof;

/// <summary>How evidence texts show durations and requests, the same way in every rule.</summary>
internal static class ProofFormat
{
    public static string Duration(TimeSpan d) => d.TotalSeconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{d.TotalSeconds:0.00} s")
        : string.Create(CultureInfo.InvariantCulture, $"{d.TotalMilliseconds:0.###} ms");

    public static string Request(TrafficRecord r)
    {
        var what = r.IsWebSocket && r.Status == 101
            ? $"WebSocket {r.Path} closed {r.CloseCode?.ToString(CultureInfo.InvariantCulture) ?? "without a code"} by {r.ClosedBy ?? "nobody"}"
            : $"{r.Method} {r.Path} → {r.Status}";
        return $"{r.Service} {what} at {r.Started:HH:mm:ss.fff}";
    }
}
