namespace AgentChat.Auth;

/// <summary>What a registration must look like; returns the first problem found, or null.</summary>
public static class RegistrationRules
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;

    public static string? Check(RegisterRequest request)
    {
        var email = request.Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            return "email is required";
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (email.Length > 254 || at < 1 || at != email.LastIndexOf('@') || at == email.Length - 1 || email.Any(char.IsWhiteSpace))
        {
            return "email is not a valid address";
        }

        if (request.Password is null || request.Password.Length < MinPasswordLength)
        {
            return $"password must have at least {MinPasswordLength} characters";
        }

        if (request.Password.Length > MaxPasswordLength)
        {
            return $"password must have at most {MaxPasswordLength} characters";
        }

        return request.DisplayName is { Length: > 100 } ? "displayName must have at most 100 characters" : null;
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
