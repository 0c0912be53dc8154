namespace Greenlight.Config;

/// <summary>The values <c>runner:</c> accepts.</summary>
public static class RunnerNames
{
    public const string Dotnet = "dotnet";
    public const string Pytest = "pytest";
    public const string Command = "command";
    public const string Newman = "newman";

    public static IReadOnlyList<string> All { get; } = [Dotnet, Pytest, Command, Newman];
}
