using AgentChat.E2E.Client;

namespace AgentChat.E2E.Support;

/// <summary>
/// Base of every test: the clients carry the test's display name (X-Greenlight-Test), each test
/// makes its own users and threads, and sockets it opened are closed after it.
/// </summary>
public abstract class E2ETest : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<AgentChatSocket> sockets = [];

    protected E2ETest()
    {
        TestName = TestContext.Current.Test?.TestDisplayName ?? GetType().FullName ?? "unknown";
        Api = new AgentChatApi(TestName);
    }

    protected string TestName { get; }

    protected AgentChatApi Api { get; }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected Task<E2EUser> NewUserAsync() => Api.NewUserAsync(Ct);

    protected Task<string> NewThreadAsync(E2EUser user, string title = "e2e thread") => Api.CreateThreadAsync(user, title, Ct);

    protected async Task<AgentChatSocket> ConnectAsync(E2EUser user, SocketAuth auth = SocketAuth.Header) =>
        Track(await AgentChatSocket.ConnectAsync(TestName, user.AccessToken, auth, Ct));

    /// <summary>Upgrade only (no wait for connection_ready): for sockets the server must close.</summary>
    protected async Task<AgentChatSocket> OpenAsync(string? token, SocketAuth auth = SocketAuth.Header) =>
        Track(await AgentChatSocket.OpenAsync(TestName, token, auth, Ct));

    /// <summary>A user with a thread and a ready socket: the start of most run tests.</summary>
    protected async Task<(E2EUser User, string ThreadId, AgentChatSocket Socket)> ReadyUserAsync(SocketAuth auth = SocketAuth.Header)
    {
        var user = await NewUserAsync();
        var threadTask = NewThreadAsync(user);
        var socket = await ConnectAsync(user, auth);
        return (user, await threadTask, socket);
    }

    public async ValueTask DisposeAsync()
    {
        AgentChatSocket[] open;
        lock (gate)
        {
            open = [.. sockets];
        }
        await Task.WhenAll(open.Select(s => s.DisposeAsync().AsTask()));
        GC.SuppressFinalize(this);
    }

    private AgentChatSocket Track(AgentChatSocket socket)
    {
        lock (gate)
        {
            sockets.Add(socket);
        }
        return socket;
    }
}
