using System.Net;
using System.Text.Json;

namespace AgentChat.E2E.Client;

/// <summary>One HTTP exchange as the test saw it.</summary>
public sealed record ApiResponse(string Request, HttpStatusCode Status, string? ContentType, string Body, TimeSpan Elapsed)
{
    public JsonElement Json => Body.Length == 0
        ? throw new E2EFailure($"{Request} answered {(int)Status} with an empty body where JSON was expected")
        : Parse();

    /// <summary>Fails with the request, the status and the body when the status is not the expected one.</summary>
    public ApiResponse Expect(HttpStatusCode expected)
    {
        if (Status != expected)
        {
            throw new E2EFailure(
                $"{Request} answered {(int)Status} {Status}, expected {(int)expected} {expected}. Body: {Trim(Body)}");
        }
        return this;
    }

    private JsonElement Parse()
    {
        try
        {
            using var doc = JsonDocument.Parse(Body);
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new E2EFailure($"{Request} answered a body that is not JSON: {Trim(Body)}", e);
        }
    }

    private static string Trim(string text) => text.Length > 400 ? text[..400] + "…" : text;
}
