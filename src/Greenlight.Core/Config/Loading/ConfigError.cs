namespace Greenlight.Config.Loading;

/// <summary>One problem in a <c>greenlight.yaml</c>, located by line and column (1-based).</summary>
public sealed record ConfigError(string File, int Line, int Column, string Field, string Message)
{
    public override string ToString() =>
        Field.Length == 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}:{Line}:{Column}: {Field}: {Message}";
}

/// <summary>The loaded configuration, or every error found in it (never both).</summary>
public sealed record ConfigLoadResult(GreenlightConfig? Config, IReadOnlyList<ConfigError> Errors)
{
    public bool Succeeded => Config is not null && Errors.Count == 0;
}
