using System.Globalization;

namespace AgentChat.Bench;

/// <summary>Command-line settings: where the services are and how hard to push.</summary>
public sealed record BenchOptions(Uri Backend, Uri Auth, string BypassKey, int Sockets, int SocketsPerUser, double RunsPerSecond, TimeSpan Duration)
{
    public static (BenchOptions? Options, string? Error) Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        if (!values.TryGetValue("--backend", out var backend) || !values.TryGetValue("--auth", out var auth))
        {
            return (null, "usage: AgentChat.Bench --backend URL --auth URL [--sockets 1000] [--sockets-per-user 2] [--rate 50] [--seconds 30]  (bypass key from AGENTCHAT_E2E_BYPASS_KEY)");
        }

        var key = Environment.GetEnvironmentVariable("AGENTCHAT_E2E_BYPASS_KEY");
        if (string.IsNullOrEmpty(key))
        {
            return (null, "AGENTCHAT_E2E_BYPASS_KEY must be set: the bench mints its users' tokens through POST /auth/token");
        }

        return (new BenchOptions(
            new Uri(backend),
            new Uri(auth),
            key,
            Int(values, "--sockets", 1000),
            Int(values, "--sockets-per-user", 2),
            double.Parse(values.GetValueOrDefault("--rate", "50"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(Int(values, "--seconds", 30))), null);
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
