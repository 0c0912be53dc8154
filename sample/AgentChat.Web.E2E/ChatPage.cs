using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AgentChat.Web.E2E;

/// <summary>The web app as a user sees it: one browser page and the actions a user takes on it.</summary>
public sealed partial class ChatPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator LoginError => Page.Locator("#login-error");

    public ILocator SocketStatus => Page.Locator("#socket-status");

    public ILocator Threads => Page.Locator("#threads button");

    public ILocator ThreadError => Page.Locator("#thread-error");

    public ILocator ThreadTitle => Page.Locator("#thread-title");

    public ILocator RunForm => Page.Locator("#run-form");

    public ILocator Events => Page.Locator("#events li");

    public ILocator Answer => Page.Locator("#answer");

    public ILocator RunStatus => Page.Locator("#run-status");

    public ILocator RunError => Page.Locator("#run-error");

    public ILocator Messages => Page.Locator("#messages li");

    /// <summary>
    /// Opens the app from the web proxy, naming the auth and backend proxies in window.AGENTCHAT_CONFIG
    /// before its script runs. Not by routing /config.json: Playwright answers CORS preflights itself
    /// while it intercepts requests, and the services' own preflight answers must be what the browser meets.
    /// </summary>
    public static async Task<ChatPage> OpenAsync(IBrowserContext context)
    {
        var config = JsonSerializer.Serialize(new { authUrl = WebSettings.AuthUrl, backendUrl = WebSettings.BackendUrl });
        await context.AddInitScriptAsync($"window.AGENTCHAT_CONFIG = {config};");
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(WebSettings.WebUrl + "/");
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        return new ChatPage(page);
    }

    public static string NewEmail() => $"web-{Guid.NewGuid():N}@example.test";

    public async Task RegisterAsync(string email, string password)
    {
        await FillCredentialsAsync(email, password);
        await Page.ClickAsync("#register-button");
        await ExpectLoggedInAsync();
    }

    public async Task LogInAsync(string email, string password)
    {
        await FillCredentialsAsync(email, password);
        await Page.ClickAsync("#login-button");
    }

    public async Task ExpectLoggedInAsync()
    {
        await Expect(Page.Locator("#chat")).ToBeVisibleAsync();
        await Expect(SocketStatus).ToHaveTextAsync("connected");
    }

    public Task LogOutAsync() => Page.ClickAsync("#logout");

    /// <summary>Creates a thread through the page and returns its id, read from the address the page moved to.</summary>
    public async Task<string> NewThreadAsync(string title)
    {
        await Page.FillAsync("#new-thread-title", title);
        await Page.ClickAsync("#new-thread");
        await Expect(Page).ToHaveURLAsync(ThreadAddress());
        await Expect(ThreadTitle).ToHaveTextAsync(title);
        return ThreadAddress().Match(Page.Url).Groups[1].Value;
    }

    public async Task OpenThreadByAddressAsync(string threadId) =>
        await Page.EvaluateAsync("id => { location.hash = 'thread=' + id; }", threadId);

    public async Task SendAsync(string agentId, string input)
    {
        await Page.SelectOptionAsync("#agent", agentId);
        await Page.FillAsync("#input", input);
        await Page.ClickAsync("#send");
    }

    /// <summary>Records every text the answer shows while it streams (read back with <see cref="AnswerStatesAsync"/>).</summary>
    public Task WatchAnswerAsync() => Page.EvaluateAsync(
        """
        () => {
          window.answerStates = [];
          const answer = document.getElementById('answer');
          new MutationObserver(() => window.answerStates.push(answer.textContent)).observe(answer, { childList: true, characterData: true, subtree: true });
        }
        """);

    public Task<string[]> AnswerStatesAsync() => Page.EvaluateAsync<string[]>("() => window.answerStates");

    public Task<string[]> EventTypesAsync() => Events.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.type)");

    private async Task FillCredentialsAsync(string email, string password)
    {
        await Page.FillAsync("#email", email);
        await Page.FillAsync("#password", password);
    }

    [GeneratedRegex("#thread=(t-[0-9a-f]{32})$")]
    private static partial Regex ThreadAddress();
}
