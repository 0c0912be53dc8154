using System.Text;
using Greenlight.Secrets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Greenlight.Proxy;

/// <summary>
/// The path as it goes into a traffic record. On the request path only the raw text is taken
/// (<see cref="Raw"/>); the recorder's writer then masks query values whose names look secret
/// (token, access_token, api_key...) and lets the redactor mask token-shaped text (<see cref="Redact"/>).
/// </summary>
internal static class RecordedPath
{
    /// <summary>Path base, path and query string as the request carried them.</summary>
    public static string Raw(HttpRequest request)
    {
        var path = request.PathBase.HasValue ? request.PathBase.Add(request.Path).ToString() : request.Path.ToString();
        return request.QueryString.HasValue ? path + request.QueryString.Value : path;
    }

    public static string Redact(string raw, SecretRedactor redactor)
    {
        var mark = raw.IndexOf('?', StringComparison.Ordinal);
        var query = mark < 0 ? default : QueryHelpers.ParseQuery(raw[mark..]);
        if (query is null || query.Count == 0)
        {
            return redactor.Redact(mark < 0 ? raw : raw[..mark]);
        }

        var builder = new StringBuilder(raw, 0, mark, raw.Length + 8).Append('?');
        var first = true;
        foreach (var (name, values) in query)
        {
            foreach (var value in values)
            {
                if (!first) builder.Append('&');
                first = false;
                builder.Append(name).Append('=');
                builder.Append(SecretRedactor.IsSecretName(name) ? SecretRedactor.Mask : value);
            }
        }

        return redactor.Redact(builder.ToString());
    }

    /// <summary>The X-Greenlight-Test header value as sent (chosen by the suite: redacted by the recorder like any text).</summary>
    public static string? TestName(HttpRequest request)
    {
        var value = request.Headers[RecordingProxy.TestHeader].ToString();
        return value.Length == 0 ? null : value;
    }
}
