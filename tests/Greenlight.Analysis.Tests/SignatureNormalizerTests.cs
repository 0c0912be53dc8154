namespace Greenlight.Analysis.Tests;

/// <summary>The symptom strings field runs met (1011 closes, handshake timeouts, 503s, bad user ids), and the token rules behind them.</summary>
public sealed class SignatureNormalizerTests
{
    [Theory]
    [InlineData("received 1011 (internal error) Internal error", "received 1011 (internal error) internal error")]
    [InlineData("TimeoutError: timed out during opening handshake", "timeouterror: timed out during opening handshake")]
    [InlineData("AssertionError: Should either send authenticated message or detect auth enforcement", "should either send authenticated message or detect auth enforcement")]
    [InlineData("AssertionError: Backend not healthy: Service Unavailable", "backend not healthy: service unavailable")]
    [InlineData("assert 503 == 200", "expected 200, got 503")]
    [InlineData("httpx.ReadTimeout", "httpx.readtimeout")]
    [InlineData("server rejected WebSocket connection: HTTP 503", "server rejected websocket connection: http 503")]
    [InlineData("ImportError while importing test module '/x/tests/test_a.py'.", "collection error: importerror while importing test module <q>")]
    [InlineData("ModuleNotFoundError: No module named 'x'", "collection error: modulenotfounderror: no module named <q>")]
    [InlineData("IndentationError: unexpected indent (data_helper_agent.py, line 74)", "indentationerror: unexpected indent (data_helper_agent.py, line <n>)")]
    public void Normalize_ReferenceSymptoms_StableKey(string message, string expectedKey) =>
        Assert.Equal(expectedKey, SignatureNormalizer.Normalize(message, null).Key);

    [Theory]
    [InlineData("received 1011 (internal error) Internal error", 1011)]
    [InlineData("received 1008 (policy violation) No JWT in WebSocket headers or subprotocols", 1008)]
    [InlineData("server rejected WebSocket connection: HTTP 503", 503)]
    [InlineData("AssertionError: Backend not healthy: Service Unavailable", 503)]
    [InlineData("assert 404 == 200", 404)]
    public void Normalize_NamedCode_IsInCodes(string message, int code) =>
        Assert.Contains(code, SignatureNormalizer.Normalize(message, null).Codes);

    [Theory]
    [InlineData("ValueError: Invalid user_id format: 41ef26d6-c6de-4701-8dc6-ff5cf24cf953", "ValueError: Invalid user_id format: 0b0dbd5e-3b0b-4e3c-9a5f-1c7f1b7f2a10")]
    [InlineData("ConnectionRefusedError: connect to 127.0.0.1:38807 failed", "ConnectionRefusedError: connect to 127.0.0.1:41233 failed")]
    [InlineData("GET http://127.0.0.1:8080/api/threads/123 returned 500", "GET http://localhost:5000/api/threads/987 returned 500")]
    [InlineData("agent streaming took 61.27s (limit 60s)", "agent streaming took 93.5s (limit 60s)")]
    [InlineData("KeyError: 'thread-f0a3b559'", "KeyError: 'thread-60788575'")]
    [InlineData("object at 0x7f3a2c1b9d60 is closed", "object at 0x7f3a2c1ba110 is closed")]
    [InlineData("token expired at 2026-11-23T11:26:08.123Z", "token expired at 2026-11-24T01:02:03Z")]
    [InlineData("session 9672a242296349df94d87b367c35cd47 lost", "session 1234abcd5678ef901234abcd5678ef90 lost")]
    [InlineData("FileNotFoundError: /home/ci/run-1/config.yaml", "FileNotFoundError: /home/ci/run-2/config.yaml")]
    public void Normalize_VaryingValues_SameKey(string first, string second) =>
        Assert.Equal(SignatureNormalizer.Normalize(first, null).Key, SignatureNormalizer.Normalize(second, null).Key);

    [Theory]
    [InlineData("received 1011 (internal error) Internal error", "received 1008 (policy violation) Internal error")]
    [InlineData("assert 503 == 200", "assert 404 == 200")]
    [InlineData("TimeoutError: timed out during opening handshake", "ValueError: timed out during opening handshake")]
    [InlineData("GET http://h:1/api/agents returned 500", "GET http://h:1/health returned 500")]
    public void Normalize_DifferentFaults_DifferentKeys(string first, string second) =>
        Assert.NotEqual(SignatureNormalizer.Normalize(first, null).Key, SignatureNormalizer.Normalize(second, null).Key);

    [Fact]
    public void Normalize_Url_KeepsPathDropsHost()
    {
        var signature = SignatureNormalizer.Normalize("GET http://10.1.2.3:8080/api/agents/42?x=1 returned 503", null);

        Assert.Equal("GET http://<host>/api/agents/<id> returned 503", signature.Title);
    }

    [Fact]
    public void Normalize_DotNetException_DropsNamespaceKeepsType()
    {
        var signature = SignatureNormalizer.Normalize("System.Net.Http.HttpRequestException : Connection refused (127.0.0.1:38807)", null);

        Assert.Equal("HttpRequestException: Connection refused (<addr>)", signature.Title);
        Assert.Equal("HttpRequestException", signature.ExceptionType);
    }

    [Fact]
    public void Normalize_LongMessage_TitleShortened()
    {
        var signature = SignatureNormalizer.Normalize("RuntimeError: " + string.Join(' ', Enumerable.Repeat("word", 80)), null);

        Assert.True(signature.Title.Length <= 100);
        Assert.EndsWith("…", signature.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_NoText_EmptySignature() =>
        Assert.Same(FailureSignature.Empty, SignatureNormalizer.Normalize(" ", null));
}
