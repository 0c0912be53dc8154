namespace Greenlight.Cli.Ci;

/// <summary>What the CI generators need: how many shards, where the PostgreSQL connection comes from, and (Kubernetes) the image and run id.</summary>
/// <param name="Secret">The CI secret (GitHub) or Kubernetes Secret holding the connection string.</param>
/// <param name="SecretVariable">The environment variable greenlight.yaml reads it from (<c>history: {postgres: "${env:…}"}</c>).</param>
internal sealed record CiOptions(int Shards, string Secret, string SecretVariable, string Timeout, string? Focus)
{
    public string Image { get; init; } = "greenlight:latest";

    public string SecretKey { get; init; } = "connection";

    public string RunId { get; init; } = "";
}
