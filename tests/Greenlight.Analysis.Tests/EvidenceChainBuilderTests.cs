using Greenlight.Analysis.Evidence;
using Greenlight.Analysis.Logs;
using Greenlight.Secrets;

namespace Greenlight.Analysis.Tests;

/// <summary>
/// A field incident replayed in logs: the backend restarts, then rejects the
/// temporary id pending_auth with a ValueError, and the tests see 1011 closes.
/// </summary>
public sealed class EvidenceChainBuilderTests : IDisposable
{
    private static readonly DateTimeOffset Restart = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gl-evidence-");

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private static string T(double seconds) => LogFiles.Time(Restart.AddMilliseconds(Math.Round(seconds * 1000)));

    private string WriteBackendLog()
    {
        var path = Path.Combine(_folder.FullName, "backend.log");
        File.WriteAllText(path, string.Join('\n',
            $"{T(-30)} INFO agentchat.api: GET /health 200",
            $"{T(-20)} ERROR agentchat.db: slow query took 5.2 s (threshold 1 s)",
            $"{T(0)} INFO uvicorn: Started server process [4242]",
            $"{T(0.5)} INFO uvicorn: Application startup complete.",
            $"{T(2.0)} INFO agentchat.ws: WebSocket connection accepted user_id=pending_auth",
            $"{T(2.1)} ERROR agentchat.ws: Error in websocket handler",
            "Traceback (most recent call last):",
            "  File \"/app/agentchat/ws.py\", line 88, in handle",
            "    state.bind(validate_user_id(user_id))",
            "  File \"/app/agentchat/ids.py\", line 12, in validate_user_id",
            "    raise ValueError(f\"Invalid user_id format: {user_id}\")",
            "ValueError: Invalid user_id format: pending_auth",
            $"{T(2.11)} WARN agentchat.ws: closing WebSocket with 1011 (internal error)",
            $"{T(2.4)} INFO agentchat.ws: WebSocket connection accepted user_id=pending_auth",
            $"{T(2.5)} ERROR agentchat.ws: Error in websocket handler",
            "Traceback (most recent call last):",
            "ValueError: Invalid user_id format: pending_auth",
            $"{T(2.51)} WARN agentchat.ws: closing WebSocket with 1011 (internal error) token=Bearer abcdefgh12345678",
            $"{T(3)} INFO agentchat.api: GET /health 200",
            $"{T(600)} INFO agentchat.api: GET /health 200") + "\n");
        return path;
    }

    private static FailureCluster Cluster1011()
    {
        FailureOccurrence Failure(string test, double started) => new()
        {
            Suite = "websocket-events",
            Test = test,
            Phase = "P1",
            Message = "received 1011 (internal error) Internal error",
            Started = Restart.AddSeconds(started),
            Ended = Restart.AddSeconds(started + 0.2),
        };

        return Assert.Single(new FailureClusterer().Cluster([Failure("test_001_websocket_connection", 2.0), Failure("test_002_websocket_authentication", 2.4)]));
    }

    [Fact]
    public async Task BuildAsync_Incident1Logs_TopLineIsTheValueErrorAndRestartNamed()
    {
        var auth = Path.Combine(_folder.FullName, "auth.log");
        await File.WriteAllTextAsync(auth, $"{T(1)} ERROR auth: token cache miss\n", Timeout());
        var request = new EvidenceRequest
        {
            Cluster = Cluster1011(),
            Services = ["backend"],
            LogSources = [new FileLogSource("backend", WriteBackendLog()), new FileLogSource("auth", auth)],
            Deploys = [new DeployEvent("backend", Restart.AddSeconds(-100), "deployed", "git a8aa565")],
        };

        var chain = await new EvidenceChainBuilder(new SecretRedactor()).BuildAsync(request, Timeout());

        Assert.Equal("ValueError: Invalid user_id format: pending_auth", chain.Lines[0].Entry.Headline);
        Assert.Equal(2, chain.Lines[0].Occurrences);
        Assert.Contains("closing WebSocket with 1011", chain.Lines[1].Entry.Headline, StringComparison.Ordinal);
        Assert.DoesNotContain(chain.Lines, l => l.Entry.Service == "auth");
        Assert.DoesNotContain(chain.Lines, l => l.Entry.Message.Contains("slow query", StringComparison.Ordinal));
        Assert.Equal("backend restarted 2.0 s before the first failure", chain.DeploySentence);
        Assert.Empty(chain.Problems);
    }

    [Fact]
    public async Task BuildAsync_DeployAfterLastRestartMarker_DeployIsNamed()
    {
        var request = new EvidenceRequest
        {
            Cluster = Cluster1011(),
            Services = ["backend"],
            LogSources = [new FileLogSource("backend", WriteBackendLog())],
            Deploys = [new DeployEvent("backend", Restart.AddSeconds(0.1), "deployed", "git a8aa565"), new DeployEvent("auth", Restart.AddSeconds(1), "deployed")],
        };

        var chain = await new EvidenceChainBuilder().BuildAsync(request, Timeout());

        Assert.Equal("backend deployed (git a8aa565) 1.9 s before the first failure", chain.DeploySentence);
    }

    [Fact]
    public async Task BuildAsync_SecretsInLogLines_Redacted()
    {
        var request = new EvidenceRequest { Cluster = Cluster1011(), Services = ["backend"], LogSources = [new FileLogSource("backend", WriteBackendLog())], MaxLines = 50 };

        var chain = await new EvidenceChainBuilder(new SecretRedactor()).BuildAsync(request, Timeout());

        Assert.DoesNotContain(chain.Lines, l => l.Entry.Text.Contains("abcdefgh12345678", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuildAsync_UnreadableSourceAndNoTimes_ProblemsListedChainStillBuilt()
    {
        var cluster = new FailureClusterer().Cluster([new FailureOccurrence { Suite = "s", Test = "t", Message = "assert 503 == 200" }])[0];
        var request = new EvidenceRequest
        {
            Cluster = cluster,
            Services = ["backend"],
            LogSources = [new FileLogSource("backend", Path.Combine(_folder.FullName, "missing.log"))],
            FallbackWindow = new LogWindow(Restart, Restart.AddMinutes(1)),
        };

        var chain = await new EvidenceChainBuilder().BuildAsync(request, Timeout());

        Assert.Empty(chain.Lines);
        Assert.Null(chain.DeploySentence);
        Assert.Contains(chain.Problems, p => p.StartsWith("backend: cannot read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_Incident1Chain_RootCauseMarkdown()
    {
        var request = new EvidenceRequest
        {
            Cluster = Cluster1011(),
            Services = ["backend"],
            LogSources = [new FileLogSource("backend", WriteBackendLog())],
            Impact = "$120K MRR",
            History = new HistoryFacts(Restart.AddDays(-1), "run-1", 2, new Dictionary<string, DateTimeOffset?> { ["test_001_websocket_connection"] = Restart.AddDays(-2), ["test_002_websocket_authentication"] = null }),
        };
        var chain = await new EvidenceChainBuilder(new SecretRedactor()).BuildAsync(request, Timeout());

        var markdown = EvidenceMarkdown.Render(chain, 1);

        Assert.Equal(
            "### 1. received 1011 (internal error) Internal error\n\n" +
            "- **Symptom**: 2 failure(s) in `test_001_websocket_connection`, `test_002_websocket_authentication` (phase P1); impact $120K MRR\n" +
            "  - `received 1011 (internal error) Internal error`\n" +
            "- **Services**: backend\n" +
            "- **Preceded by**: backend restarted 2.0 s before the first failure\n" +
            "- **Server log** (most explanatory first):\n" +
            "  - backend 11:00:02.100 `ValueError: Invalid user_id format: pending_auth` ×2\n" +
            "  - backend 11:00:02.110 `WARN agentchat.ws: closing WebSocket with 1011 (internal error)`\n" +
            "  - backend 11:00:02.510 `WARN agentchat.ws: closing WebSocket with 1011 (internal error) token=Bearer ***`\n" +
            "  - backend 11:00:02.000 `INFO agentchat.ws: WebSocket connection accepted user_id=pending_auth` ×2\n" +
            "  - backend 11:00:00.500 `INFO uvicorn: Application startup complete.`\n" +
            "- **History**: seen before in 2 run(s), last 2026-11-22 11:00 UTC; these tests last passed 2026-11-21 11:00 UTC; 1 never passed in history\n",
            markdown);
    }

    [Fact]
    public void Windows_OverlappingFailures_MergedWithMargin()
    {
        var windows = EvidenceChainBuilder.Windows(Cluster1011(), TimeSpan.FromSeconds(1), null);

        Assert.Equal([new LogWindow(Restart.AddSeconds(1), Restart.AddSeconds(3.6))], windows);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
