using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AgentChat.Common.Tokens;

/// <summary>
/// Issues and validates the HS256 access tokens. Validation pins the algorithm, issuer and
/// audience, requires a signature and an expiry, and reads the clock from the injected
/// <see cref="TimeProvider"/> so that expiry is testable without waiting.
/// </summary>
public sealed class TokenService
{
    /// <summary>Longer tokens are refused unread: ours are a few hundred characters.</summary>
    public const int MaxTokenLength = 8 * 1024;

    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    private readonly JwtSettings _settings;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SymmetricSecurityKey _key;
    private readonly TokenValidationParameters _parameters;

    public TokenService(JwtSettings settings, TimeProvider time)
    {
        _settings = settings;
        _time = time;
        _key = new SymmetricSecurityKey(settings.Key);
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = JwtSettings.Issuer,
            ValidAudience = JwtSettings.Audience,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            LifetimeValidator = IsWithinLifetime,
        };
    }

    public IssuedToken Issue(string userId)
    {
        var now = _time.GetUtcNow();
        var expires = now.AddMinutes(_settings.Minutes);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = JwtSettings.Issuer,
            Audience = JwtSettings.Audience,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, userId)]),
            Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N") },
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        };
        return new IssuedToken(_handler.CreateToken(descriptor), expires, _settings.Minutes * 60);
    }

    public async Task<TokenCheck> ValidateAsync(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return TokenCheck.Refused("token missing");
        }

        if (token.Length > MaxTokenLength)
        {
            return TokenCheck.Refused("token too large");
        }

        // Checked first so that "alg": "none" or HS512 get a reason that names the real problem.
        // CanReadToken only checks the shape (three base64url-ish parts): "abc.def.ghi" passes it
        // and fails when its header is decoded.
        if (!_handler.CanReadToken(token) || ReadAlgorithm(token) is not { } algorithm)
        {
            return TokenCheck.Refused("malformed token");
        }

        if (algorithm != SecurityAlgorithms.HmacSha256)
        {
            return TokenCheck.Refused("algorithm not allowed");
        }

        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid)
        {
            return TokenCheck.Refused(Describe(result.Exception));
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        var subject = jwt.Subject;
        if (string.IsNullOrEmpty(subject))
        {
            return TokenCheck.Refused("token has no subject");
        }

        // One user id rule for every route and the socket: a signed token does not make
        // "../../x" a user. The id itself is not echoed (reasons go back to clients).
        return UserIdFormat.IsValid(subject)
            ? new TokenCheck(true, subject, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), null)
            : TokenCheck.Refused("invalid subject");
    }

    private static string? ReadAlgorithm(string token)
    {
        try
        {
            return new JsonWebToken(token).Alg;
        }
        catch (ArgumentException)
        {
            // The header or payload is not base64url JSON (SecurityTokenMalformedException derives from it).
            return null;
        }
    }

    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } end && now <= end + ClockSkew && (notBefore is not { } start || now >= start - ClockSkew);
    }

    // The reason goes back to clients and logs, so it names the rule broken and never echoes the token.
    private static string Describe(Exception? error) => error switch
    {
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException => "token expired",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenInvalidAlgorithmException => "algorithm not allowed",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "invalid signature",
        SecurityTokenMalformedException or ArgumentException => "malformed token",
        null => "invalid token",
        _ => "invalid token",
    };
}
