using Microsoft.Playwright;

namespace AgentChat.Web.E2E;

/// <summary>
/// Base of every browser test: each browser context sends the test's display name in
/// X-Greenlight-Test on every request, the WebSocket upgrade included, so Greenlight's proxies tie
/// the browser's traffic to the test (proof level request). Contexts are closed after the test.
/// </summary>
public abstract class WebTest(BrowserFixture browser) : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    private readonly List<IBrowserContext> contexts = [];

    protected string TestName { get; } = TestContext.Current.Test?.TestDisplayName ?? "unknown";

    /// <summary>A fresh browser profile (its own storage): one user.</summary>
    protected async Task<ChatPage> NewUserPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Greenlight-Test"] = TestName },
        });
        contexts.Add(context);
        return await ChatPage.OpenAsync(context);
    }

    /// <summary>A page with a newly registered, logged-in user.</summary>
    protected async Task<(ChatPage Page, string Email)> RegisteredUserAsync()
    {
        var page = await NewUserPageAsync();
        var email = ChatPage.NewEmail();
        await page.RegisterAsync(email, Password);
        return (page, email);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
