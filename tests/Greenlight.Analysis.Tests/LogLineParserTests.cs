using Greenlight.Analysis.Logs;

namespace Greenlight.Analysis.Tests;

public sealed class LogLineParserTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 11, 0, 4, 105, TimeSpan.Zero);

    [Theory]
    [InlineData("""{"@t":"2026-11-23T11:00:04.105Z","@l":"Error","@mt":"Invalid user_id format: {UserId}","@x":"System.ArgumentException: Invalid user_id format: pending_auth\n   at Ws.Handle()"}""")]
    [InlineData("""{"Timestamp":"2026-11-23T11:00:04.105+00:00","EventId":0,"LogLevel":"Error","Category":"Ws","Message":"Invalid user_id format: pending_auth","Exception":"System.ArgumentException: Invalid user_id format: pending_auth\n   at Ws.Handle()"}""")]
    [InlineData("""{"level":50,"time":1795431604105,"msg":"Invalid user_id format: pending_auth","err":{"type":"Error","message":"x","stack":"System.ArgumentException: Invalid user_id format: pending_auth\n    at handle (ws.js:1:1)"}}""")]
    [InlineData("""{"severity":"ERROR","timestamp":"2026-11-23T11:00:04.105Z","message":"Invalid user_id format: pending_auth","exception":"Traceback (most recent call last):\n  File \"ws.py\", line 1\nSystem.ArgumentException: Invalid user_id format: pending_auth"}""")]
    public void Parse_JsonLogLines_TimeLevelMessageException(string line)
    {
        var parsed = LogLineParser.Parse(line);

        Assert.Equal(At, parsed.Time);
        Assert.Equal(LogSeverity.Error, parsed.Severity);
        Assert.Contains("Invalid user_id format", parsed.Message, StringComparison.Ordinal);
        Assert.Equal("System.ArgumentException: Invalid user_id format: pending_auth", parsed.Exception);
    }

    [Theory]
    [InlineData("2026-11-23 11:00:04,105 ERROR agentchat.ws: handler crashed", LogSeverity.Error)]
    [InlineData("2026-11-23T11:00:04.105Z [WARN] slow query", LogSeverity.Warning)]
    [InlineData("[2026-11-23T11:00:04.105Z] CRITICAL database unreachable", LogSeverity.Fatal)]
    [InlineData("2026-11-23T11:00:04.105Z fail: AgentChat.Backend.Ws[0]", LogSeverity.Error)]
    [InlineData("2026-11-23T11:00:04.105+00:00 INFO GET /health 200", LogSeverity.Info)]
    [InlineData("2026-11-23T11:00:04.105Z Unhandled Exception in request pipeline", LogSeverity.Error)]
    public void Parse_PlainLines_LeadingTimestampAndLevelWord(string line, LogSeverity severity)
    {
        var parsed = LogLineParser.Parse(line);

        Assert.Equal(At, parsed.Time);
        Assert.Equal(severity, parsed.Severity);
    }

    [Fact]
    public void Parse_JsonLineBehindGreenlightStamp_ReadAsJson()
    {
        // A captured stdout line of the sample backend: Greenlight's stamp, then the service's own JSON.
        const string line = """2026-11-23T13:22:38.823Z {"time":"2026-11-23T13:22:38.818Z","level":"error","category":"AgentChat.Backend.Sockets.SocketEndpoint","message":"RecursionError: maximum recursion depth exceeded in safe_sleep -> windows_safe_sleep -> safe_sleep","requestPath":"/ws"}""";

        var parsed = LogLineParser.Parse(line);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 13, 22, 38, 818, TimeSpan.Zero), parsed.Time);
        Assert.Equal(LogSeverity.Error, parsed.Severity);
        Assert.StartsWith("RecursionError: maximum recursion depth exceeded", parsed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TracebackLastLine_ExceptionWithoutTime()
    {
        var parsed = LogLineParser.Parse("ValueError: Invalid user_id format: pending_auth");

        Assert.Null(parsed.Time);
        Assert.Equal(LogSeverity.Error, parsed.Severity);
        Assert.Equal("ValueError: Invalid user_id format: pending_auth", parsed.Exception);
    }

    [Theory]
    [InlineData("  File \"/app/ws.py\", line 88, in handle")]
    [InlineData("   at AgentChat.Backend.Ws.Handle() in /src/Ws.cs:line 12")]
    public void Parse_StackFrames_AreFrames(string line) => Assert.True(LogLineParser.Parse(line).IsFrame);

    [Fact]
    public void Parse_UnknownFormat_MessageKeptNoTime()
    {
        var parsed = LogLineParser.Parse("<<binary garbage \u0001\u0002>>");

        Assert.Null(parsed.Time);
        Assert.Equal(LogSeverity.Unknown, parsed.Severity);
    }
}
