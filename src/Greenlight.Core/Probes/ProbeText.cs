using System.Net;
using System.Text.Json;
using Greenlight.Secrets;

namespace Greenlight.Probes;

/// <summary>Shared wording and URL handling for probe results.</summary>
internal static class ProbeText
{
    private const int MaxBody = 80;

    /// <summary>A path is appended to the service's base URL (keeping any base path); an absolute URL is used as is.</summary>
    public static Uri Resolve(Uri baseUrl, string target, bool webSocket)
    {
        var url = Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" or "ws" or "wss"
            ? absolute
            : new Uri(baseUrl.ToString().TrimEnd('/') + "/" + target.TrimStart('/'));
        if (!webSocket || url.Scheme is "ws" or "wss")
        {
            return url;
        }

        return new UriBuilder(url) { Scheme = url.Scheme == "https" ? "wss" : "ws" }.Uri;
    }

    public static string Status(int code) =>
        Enum.IsDefined((HttpStatusCode)code) ? $"{code} {Words(((HttpStatusCode)code).ToString())}" : code.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A body shortened to one line for the infrastructure table, secrets removed.</summary>
    public static string Snippet(string body, SecretRedactor redactor)
    {
        var line = string.Join(' ', redactor.Redact(body).Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length <= MaxBody ? line : line[..MaxBody] + "…";
    }

    public static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.###}s";

    /// <summary>A JSON value as the string config compares it with (strings unquoted, the rest as written).</summary>
    public static string AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    private static string Words(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) && char.IsLower(name[i - 1]) ? " " + c : c.ToString()));
}
