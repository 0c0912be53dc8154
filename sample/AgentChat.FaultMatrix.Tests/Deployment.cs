using System.Security.Cryptography;

namespace AgentChat.FaultMatrix;

/// <summary>Auth and backend started with one AGENTCHAT_FAULT value (or one file replay), in their own temp folder.</summary>
public sealed class Deployment : IAsyncDisposable
{
    public static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);

    /// <summary>
    /// <c>sample/replay.sh crlf</c> without touching the working tree: the backend reads a CRLF
    /// copy of its agents.def, made here the way the script makes it.
    /// </summary>
    public const string CrlfReplay = "replay:crlf";

    private Deployment(string workDir, string bypassKey, ServiceProcess auth, ServiceProcess backend)
    {
        WorkDir = workDir;
        BypassKey = bypassKey;
        Auth = auth;
        Backend = backend;
    }

    public string WorkDir { get; }

    public string BypassKey { get; }

    public ServiceProcess Auth { get; }

    public ServiceProcess Backend { get; }

    /// <summary>Starts both; does not wait for health (a crashing fault never gets healthy).</summary>
    public static Deployment Start(string fault)
    {
        var workDir = Directory.CreateTempSubdirectory("agentchat-faultmatrix-").FullName;
        var bypassKey = Secret();
        var shared = new Dictionary<string, string>
        {
            ["AGENTCHAT_JWT_KEY"] = Secret() + Secret(),
            ["AGENTCHAT_E2E_BYPASS_KEY"] = bypassKey,
            ["AGENTCHAT_SERVICE_SECRET"] = Secret(),
            ["AGENTCHAT_THINK_MS"] = "150",
            ["AGENTCHAT_FAULT"] = fault is CrlfReplay or WebBuildReplay.Name ? "" : fault,
        };
        var auth = ServiceProcess.Start(Executables.Auth, "auth", workDir,
            new Dictionary<string, string>(shared) { ["AGENTCHAT_DB"] = Path.Combine(workDir, "auth.db") });
        var backendEnvironment = new Dictionary<string, string>(shared)
        {
            ["AGENTCHAT_DB"] = Path.Combine(workDir, "backend.db"),
            ["AGENTCHAT_AUTH_URL"] = auth.Url.ToString().TrimEnd('/'),
        };
        if (fault == CrlfReplay)
        {
            var crlf = Path.Combine(workDir, "agents.def");
            File.WriteAllText(crlf, File.ReadAllText(Path.Combine(Path.GetDirectoryName(Executables.Backend)!, "agents.def")).ReplaceLineEndings("\r\n"));
            backendEnvironment["AGENTCHAT_AGENTS_FILE"] = crlf;
        }

        var backend = ServiceProcess.Start(Executables.Backend, "backend", workDir, backendEnvironment);
        return new Deployment(workDir, bypassKey, auth, backend);
    }

    public async Task<bool> WaitHealthyAsync(CancellationToken ct)
    {
        var both = await Task.WhenAll(Auth.WaitHealthyAsync(StartLimit, ct), Backend.WaitHealthyAsync(StartLimit, ct));
        return both.All(ok => ok);
    }

    public async ValueTask DisposeAsync()
    {
        await Auth.DisposeAsync();
        await Backend.DisposeAsync();
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
            // A log still being flushed by a dying process: the temp folder is left behind, nothing else.
        }
    }

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
}
