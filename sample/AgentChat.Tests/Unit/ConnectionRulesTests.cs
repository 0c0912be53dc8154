using AgentChat.Backend;
using AgentChat.Backend.Sockets;
using AgentChat.Common.Faults;
using AgentChat.Common.Tokens;
using Microsoft.Extensions.Primitives;

namespace AgentChat.Tests.Unit;

public sealed class ConnectionRulesTests
{
    [Fact]
    public void StateMachine_NormalPath_ConnectingAuthenticatedReady()
    {
        var state = new ConnectionStateMachine(validateOnAccept: false);
        Assert.Equal((ConnectionState.Connecting, "pending_auth"), (state.State, state.UserId));
        state.Accept();

        Assert.Null(state.Authenticate("e2e-user-001"));
        Assert.Equal((ConnectionState.Authenticated, "e2e-user-001"), (state.State, state.UserId));
        state.MarkReady();
        Assert.Equal(ConnectionState.Ready, state.State);
    }

    [Fact]
    public void StateMachine_ReadyBeforeAuthentication_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new ConnectionStateMachine(false).MarkReady());
    }

    [Fact]
    public void Accept_ValidateOnAcceptBug_ValidatorRejectsTheTemporaryId()
    {
        var error = Assert.Throws<FormatException>(() => new ConnectionStateMachine(validateOnAccept: true).Accept());

        Assert.Equal("Invalid user_id format: pending_auth", error.Message);
    }

    [Fact]
    public void StateMachine_MalformedTokenSubject_RefusedAndStaysConnecting()
    {
        var state = new ConnectionStateMachine(false);

        Assert.Equal("Invalid user_id format: Bad_User", state.Authenticate("Bad_User"));
        Assert.Equal(ConnectionState.Connecting, state.State);
    }

    [Theory]
    [InlineData("e2e-user-001", true)]
    [InlineData("u-0123456789abcdef", true)]
    [InlineData("pending_auth", false)]
    [InlineData("ab", false)]
    [InlineData("-abc", false)]
    [InlineData("ABC", false)]
    public void UserIdFormat_Examples(string id, bool valid)
    {
        Assert.Equal(valid, UserIdFormat.IsValid(id));
    }

    [Fact]
    public void SocketToken_HeaderWinsOverSubprotocol()
    {
        Assert.Equal("abc", SocketToken.From(new StringValues("Bearer abc"), ["agentchat.v1", "agentchat.bearer.xyz"]));
        Assert.Equal("xyz", SocketToken.From(StringValues.Empty, ["agentchat.v1", "agentchat.bearer.xyz"]));
        Assert.Null(SocketToken.From(StringValues.Empty, ["agentchat.v1"]));
        Assert.Null(SocketToken.From(new StringValues("Basic abc"), []));
    }

    [Fact]
    public void SocketToken_SelectedProtocol_NeverTheToken()
    {
        Assert.Equal("agentchat.v1", SocketToken.Selected(["agentchat.bearer.xyz", "agentchat.v1"]));
        Assert.Null(SocketToken.Selected(["agentchat.bearer.xyz"]));
    }

    [Fact]
    public void TryReserve_AtCap_RefusesUntilReleased()
    {
        var registry = new ConnectionRegistry(new BackendOptions(TimeSpan.Zero, 2, null, "test", FaultSwitches.None));

        Assert.True(registry.TryReserve());
        Assert.True(registry.TryReserve());
        Assert.False(registry.TryReserve());
        Assert.Equal(2, registry.Count);
        registry.Release();
        Assert.True(registry.TryReserve());
    }
}
