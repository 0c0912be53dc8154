using System.Text;
using System.Text.Json;
using Greenlight.Config;
using Greenlight.Deploy;
using Greenlight.Secrets;

namespace Greenlight.Probes;

/// <summary>Obtains a token by POSTing to the issuing service; the token is registered with the redactor at once.</summary>
internal sealed class TokenFetcher(HttpClient http, SecretRedactor redactor)
{
    /// <summary>The token, or (null, why not).</summary>
    public async Task<(string? Token, string? Failure)> FetchAsync(TokenRequestConfig request, IReadOnlyDictionary<string, Uri> serviceUrls, CancellationToken cancellationToken)
    {
        if (!serviceUrls.TryGetValue(request.Service, out var baseUrl))
        {
            return (null, $"token service '{request.Service}' is not deployed");
        }

        var url = ProbeText.Resolve(baseUrl, request.Path, webSocket: false);
        using var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(Placeholders.Expand(request.Body), Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in request.Headers)
        {
            var expanded = Placeholders.Expand(value);
            if (SecretRedactor.IsSecretName(name))
            {
                redactor.Add(expanded);
            }

            message.Headers.TryAddWithoutValidation(name, expanded);
        }

        try
        {
            using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"token request to {request.Service} {request.Path} answered {ProbeText.Status((int)response.StatusCode)}");
            }

            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(request.Field, out var field) && field.ValueKind == JsonValueKind.String)
            {
                var token = field.GetString()!;
                redactor.Add(token);
                return (token, null);
            }

            return (null, $"token response from {request.Service} has no string field '{request.Field}'");
        }
        catch (HttpRequestException e)
        {
            return (null, $"token request to {request.Service} failed: {redactor.Redact(e.InnerException?.Message ?? e.Message)}");
        }
        catch (JsonException)
        {
            return (null, $"token response from {request.Service} is not JSON");
        }
    }
}
