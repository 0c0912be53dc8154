using AgentChat.Common.Hosting;
using AgentChat.Common.Tokens;

namespace AgentChat.Auth;

/// <summary>The <c>/auth</c> routes: register, login, E2E tokens, and validation for services.</summary>
public static class AuthEndpoints
{
    public const string BypassHeader = "X-E2E-Bypass-Key";
    public const string ServiceSecretHeader = "X-Service-Secret";
    private const string LogCategory = "AgentChat.Auth.AuthEndpoints";

    public static void MapAuth(this WebApplication app, AuthOptions options)
    {
        app.MapPost("/auth/register", RegisterAsync);
        app.MapPost("/auth/login", LoginAsync);
        app.MapPost("/auth/token", (HttpRequest request, TokenService tokens, ILoggerFactory logs) => IssueE2ETokenAsync(request, tokens, options, logs.CreateLogger(LogCategory)));
        app.MapPost("/auth/validate", (HttpRequest request, TokenService tokens) => ValidateAsync(request, tokens, options));
    }

    private static async Task<IResult> RegisterAsync(HttpRequest request, UserStore users, PasswordHasher hasher, ILoggerFactory logs)
    {
        var (body, problem) = await JsonBody.ReadAsync<RegisterRequest>(request);
        if (body is null)
        {
            return problem!;
        }

        if (RegistrationRules.Check(body) is { } invalid)
        {
            return Results.Problem(detail: invalid, statusCode: StatusCodes.Status400BadRequest);
        }

        var email = RegistrationRules.NormalizeEmail(body.Email!);
        var user = new StoredUser("u-" + Guid.NewGuid().ToString("N"), email, body.DisplayName?.Trim() ?? email, hasher.Hash(body.Password!));
        if (!await users.TryAddAsync(user, request.HttpContext.RequestAborted))
        {
            return Results.Problem(detail: "a user with this email already exists", statusCode: StatusCodes.Status409Conflict);
        }

        logs.CreateLogger(LogCategory).LogInformation("registered user {UserId}", user.Id);
        return Results.Created($"/auth/users/{user.Id}", new RegisteredUser(user.Id, email));
    }

    private static async Task<IResult> LoginAsync(HttpRequest request, UserStore users, TokenService tokens, ILoggerFactory logs)
    {
        var (body, problem) = await JsonBody.ReadAsync<LoginRequest>(request);
        if (body is null)
        {
            return problem!;
        }

        var user = string.IsNullOrWhiteSpace(body.Email)
            ? null
            : await users.FindByEmailAsync(RegistrationRules.NormalizeEmail(body.Email), request.HttpContext.RequestAborted);
        if (user is null || body.Password is null || !PasswordHasher.Verify(body.Password, user.PasswordHash))
        {
            logs.CreateLogger(LogCategory).LogWarning("login refused: bad credentials");
            return Results.Problem(detail: "invalid email or password", statusCode: StatusCodes.Status401Unauthorized);
        }

        var issued = tokens.Issue(user.Id);
        logs.CreateLogger(LogCategory).LogInformation("login for user {UserId}", user.Id);
        return Results.Ok(new TokenResponse(issued.AccessToken, "Bearer", issued.ExpiresIn, user.Id));
    }

    private static async Task<IResult> IssueE2ETokenAsync(HttpRequest request, TokenService tokens, AuthOptions options, ILogger log)
    {
        if (options.BypassKey is null)
        {
            return Results.NotFound();
        }

        if (!SecretCompare.Matches(request.Headers[BypassHeader], options.BypassKey))
        {
            log.LogWarning("E2E token refused: missing or wrong bypass key");
            return Results.Problem(detail: $"missing or wrong {BypassHeader}", statusCode: StatusCodes.Status401Unauthorized);
        }

        var (body, problem) = await JsonBody.ReadAsync<TokenRequest>(request);
        if (body is null)
        {
            return problem!;
        }

        if (!UserIdFormat.IsValid(body.UserId))
        {
            return Results.Problem(detail: "userId must match ^[a-z0-9][a-z0-9-]{2,63}$", statusCode: StatusCodes.Status400BadRequest);
        }

        var issued = tokens.Issue(body.UserId!);
        log.LogInformation("E2E token issued for user {UserId}", body.UserId);
        return Results.Ok(new TokenResponse(issued.AccessToken, "Bearer", issued.ExpiresIn, body.UserId!));
    }

    private static async Task<IResult> ValidateAsync(HttpRequest request, TokenService tokens, AuthOptions options)
    {
        if (!SecretCompare.Matches(request.Headers[ServiceSecretHeader], options.ServiceSecret))
        {
            var detail = options.ServiceSecret is null ? "token validation is not configured (AGENTCHAT_SERVICE_SECRET unset)" : $"missing or wrong {ServiceSecretHeader}";
            return Results.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized);
        }

        var (body, problem) = await JsonBody.ReadAsync<ValidateRequest>(request);
        if (body is null)
        {
            return problem!;
        }

        var check = await tokens.ValidateAsync(body.Token);
        return check.Valid
            ? Results.Ok(new { valid = true, userId = check.UserId, expiresAt = check.ExpiresAt })
            : Results.Ok(new { valid = false, reason = check.Reason });
    }
}
