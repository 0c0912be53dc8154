using System.Net;
using System.Text.Json;
using AgentChat.Tests.Support;

namespace AgentChat.Tests.Integration;

/// <summary>The web front end's host (AgentChat.Web) as a real process: its page, /config.json, /health, and a start it refuses.</summary>
public sealed class WebHostTests
{
    [Fact]
    public async Task Start_WithServiceUrls_ServesThePageItsConfigAndHealth()
    {
        using var deadline = Deadline.Start();
        var dir = Directory.CreateTempSubdirectory("agentchat-web-").FullName;
        try
        {
            await using var web = ServiceProcess.Start("AgentChat.Web", dir, new Dictionary<string, string>
            {
                ["AGENTCHAT_AUTH_URL"] = "http://127.0.0.1:5001",
                ["AGENTCHAT_BACKEND_URL"] = "http://127.0.0.1:5002/",
            });
            var address = await web.WaitForAddressAsync(deadline.Token);
            using var http = new HttpClient { BaseAddress = address };

            using var page = await http.GetAsync(new Uri("/", UriKind.Relative), deadline.Token);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<script type=\"module\" src=\"app.js\"></script>", await page.Content.ReadAsStringAsync(deadline.Token), StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));

            using var config = await http.GetAsync(new Uri("/config.json", UriKind.Relative), deadline.Token);
            Assert.Equal(HttpStatusCode.OK, config.StatusCode);
            Assert.True(config.Headers.CacheControl?.NoStore);
            Assert.Equal("""{"authUrl":"http://127.0.0.1:5001","backendUrl":"http://127.0.0.1:5002"}""", await config.Content.ReadAsStringAsync(deadline.Token));

            using var health = await http.GetAsync(new Uri("/health", UriKind.Relative), deadline.Token);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync(deadline.Token));
            Assert.Equal("healthy", report.RootElement.GetProperty("status").GetString());
            Assert.Equal("agentchat-web", report.RootElement.GetProperty("service").GetString());
            Assert.Equal("present", report.RootElement.GetProperty("assets_status").GetString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("AGENTCHAT_BACKEND_URL", null, "AGENTCHAT_BACKEND_URL is not set: the page needs the service's base URL (e.g. http://127.0.0.1:5001)")]
    [InlineData("AGENTCHAT_BACKEND_URL", "ftp://127.0.0.1/", "AGENTCHAT_BACKEND_URL must be an absolute http(s) URL without query or fragment, got 'ftp://127.0.0.1/'")]
    public async Task Start_BadServiceUrl_ExitsTwoNamingTheVariable(string variable, string? value, string reason)
    {
        using var deadline = Deadline.Start();
        var dir = Directory.CreateTempSubdirectory("agentchat-web-").FullName;
        try
        {
            var environment = new Dictionary<string, string> { ["AGENTCHAT_AUTH_URL"] = "http://127.0.0.1:5001" };
            if (value is not null)
            {
                environment[variable] = value;
            }

            await using var web = ServiceProcess.Start("AgentChat.Web", dir, environment);
            Assert.Equal(2, await web.WaitForExitAsync(deadline.Token));
            var critical = await web.WaitForLogAsync(e => e.GetProperty("level").GetString() == "critical", deadline.Token);
            Assert.Equal($"startup failed: {reason}", critical.GetProperty("message").GetString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
