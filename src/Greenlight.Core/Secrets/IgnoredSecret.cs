namespace Greenlight.Secrets;

/// <summary>
/// A registered secret value that <see cref="SecretRedactor"/> does not mask. It holds no value,
/// only its length and source, so the warning about it can be printed anywhere.
/// </summary>
/// <param name="Source">The variable or key it came from, when the caller said.</param>
/// <param name="Reason">"shorter than 8 characters" or "a common word".</param>
public sealed record IgnoredSecret(string? Source, int Length, string Reason)
{
    /// <summary>The worklog's warning, e.g. "the value of AUTH_TOKEN is not masked in output: shorter than 8 characters".</summary>
    public override string ToString() =>
        $"{(Source is null ? $"a {Length}-character secret value" : $"the value of {Source}")} is not masked in output: {Reason} (masking it would hide ordinary text; use a longer, random secret)";
}
