using System.Text;
using Greenlight.Secrets;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Proxy;

/// <summary>
/// The path as it goes into a traffic record: query values whose names look secret
/// (token, access_token, api_key...) are masked, then the redactor masks token-shaped text.
/// </summary>
internal static class RecordedPath
{
    public static string From(HttpRequest request, SecretRedactor redactor)
    {
        var path = request.PathBase.Add(request.Path).ToString();
        if (!request.QueryString.HasValue || request.Query.Count == 0)
        {
            return redactor.Redact(path);
        }

        var builder = new StringBuilder(path).Append('?');
        var first = true;
        foreach (var (name, values) in request.Query)
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

    /// <summary>The X-Greenlight-Test header value, redacted (it is chosen by the suite, so treat it as untrusted).</summary>
    public static string? TestName(HttpRequest request, SecretRedactor redactor)
    {
        var value = request.Headers[RecordingProxy.TestHeader].ToString();
        return value.Length == 0 ? null : redactor.Redact(value);
    }
}
