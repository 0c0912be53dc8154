using AgentChat.Common.Tokens;

namespace AgentChat.Backend.Api;

/// <summary>
/// Bearer authentication for <c>/api</c>: the token is validated locally with the shared key and
/// the user id stored on the request. Refusals are 401 problems that name the rule broken.
/// </summary>
public static class ApiUser
{
    private const string ItemKey = "agentchat.userId";

    public static string Id(HttpContext context) =>
        context.Items[ItemKey] as string ?? throw new InvalidOperationException("route is not behind RequireBearer()");

    public static RouteGroupBuilder RequireBearer(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            var header = context.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return Unauthorized(context, "missing bearer token (Authorization: Bearer <jwt>)");
            }

            var tokens = context.RequestServices.GetRequiredService<TokenService>();
            var check = await tokens.ValidateAsync(header[7..].Trim());
            if (!check.Valid)
            {
                return Unauthorized(context, $"token refused: {check.Reason}");
            }

            context.Items[ItemKey] = check.UserId;
            return await next(invocation);
        });
        return group;
    }

    private static IResult Unauthorized(HttpContext context, string detail)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized);
    }
}
