using System.Reflection;

namespace AgentChat.FaultMatrix;

/// <summary>The dlls of the services and of the suite, as the build recorded them.</summary>
public static class Executables
{
    public static string Auth => Path("AgentChat.Auth");

    public static string Backend => Path("AgentChat.Backend");

    public static string Suite => Path("AgentChat.E2E");

    /// <summary>The dotnet host that runs this test process (dotnet test sets DOTNET_HOST_PATH).</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string Path(string name)
    {
        var path = typeof(Executables).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == name)?.Value
            ?? throw new InvalidOperationException($"no path recorded for {name}: the build did not resolve its project reference");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{name} is not built at {path}", path);
    }
}
