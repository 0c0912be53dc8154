using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AgentChat.Common.Hosting;

/// <summary>Reads a JSON request body into a record, turning bad input into a value, not an exception.</summary>
public static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Results.Problem(detail: "expected a JSON body (Content-Type: application/json)", statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
            return value is null
                ? (null, Results.Problem(detail: "the JSON body is empty", statusCode: StatusCodes.Status400BadRequest))
                : (value, null);
        }
        catch (JsonException error)
        {
            return (null, Results.Problem(detail: $"malformed JSON body: {error.Message}", statusCode: StatusCodes.Status400BadRequest));
        }
    }
}
