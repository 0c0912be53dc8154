using static Microsoft.Playwright.Assertions;

namespace AgentChat.Web.E2E;

/// <summary>AgentChat Web in Chromium: what a user does and sees, against the real services.</summary>
[Trait("Priority", "P2")]
[Trait("Category", "web")]
public sealed class WebAppTests(BrowserFixture browser) : WebTest(browser)
{
    /// <summary>A path: the golden path saves a screenshot of the page there once its run completed.</summary>
    public const string ScreenshotVariable = "AGENTCHAT_WEB_SCREENSHOT";

    [Fact]
    public async Task Login_RegisteredUser_SeesChatAndWrongPasswordIsRefused()
    {
        var (page, email) = await RegisteredUserAsync();
        await page.LogOutAsync();
        await Expect(page.Page.Locator("#login")).ToBeVisibleAsync();

        await page.LogInAsync(email, "not the password");
        await Expect(page.LoginError).ToHaveTextAsync("Wrong email or password.");
        await Expect(page.Page.Locator("#chat")).ToBeHiddenAsync();

        await page.LogInAsync(email, Password);
        await page.ExpectLoggedInAsync();
        await Expect(page.Page.Locator("#user")).ToHaveTextAsync(email);
    }

    [Fact]
    public async Task GoldenPath_TriageRun_StreamsEventsAndAnswerIntoThePage()
    {
        var (page, _) = await RegisteredUserAsync();
        await page.NewThreadAsync("golden path");
        await page.WatchAnswerAsync();

        await page.SendAsync("triage", "mean of 3, 5 and 10");

        await Expect(page.RunStatus).ToHaveTextAsync("completed (success)");
        await Expect(page.Answer).ToHaveTextAsync("For 3 numbers: sum 18, mean 6, median 5, min 3, max 10, standard deviation 2.9439.");
        Assert.Equal(
            ["agent_started", "agent_thinking", "agent_handoff", "agent_thinking", "tool_executing", "tool_completed", "agent_completed"],
            await page.EventTypesAsync());
        await Expect(page.Events.Nth(2)).ToContainTextAsync("handoff triage → data-helper");
        await Expect(page.Events.Nth(4)).ToContainTextAsync("tool compute_stats called with {\"numbers\":[3,5,10]}");
        // The answer grew delta by delta while the run streamed, not in one piece at the end.
        var states = await page.AnswerStatesAsync();
        Assert.True(states.Distinct().Count() >= 5, $"the answer showed only {states.Distinct().Count()} states: {string.Join(" | ", states)}");
        Assert.StartsWith("For", states.First(s => s.Length > 0));
        if (Environment.GetEnvironmentVariable(ScreenshotVariable) is { Length: > 0 } screenshot)
        {
            // How sample/docs/web.png is made: the page as this test leaves it.
            await page.Page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        }

        // The thread keeps the exchange: opened again from the list, it shows what the backend stored.
        await page.NewThreadAsync("second thread");
        await Expect(page.Messages).ToHaveCountAsync(0);
        await page.Threads.Filter(new() { HasText = "golden path" }).ClickAsync();
        await Expect(page.ThreadTitle).ToHaveTextAsync("golden path");
        await Expect(page.Messages).ToHaveTextAsync(["mean of 3, 5 and 10", "data-helper: For 3 numbers: sum 18, mean 6, median 5, min 3, max 10, standard deviation 2.9439."]);
    }

    [Fact]
    public async Task Threads_AnotherUser_CannotSeeOrOpenTheThread()
    {
        var (owner, _) = await RegisteredUserAsync();
        var threadId = await owner.NewThreadAsync("private plans");
        await owner.SendAsync("data-helper", "1, 2, 3, 4");
        await Expect(owner.RunStatus).ToHaveTextAsync("completed (success)");

        var (other, _) = await RegisteredUserAsync();
        await other.NewThreadAsync("my own thread");
        await Expect(other.Threads).ToHaveTextAsync(["my own thread"]);
        await other.OpenThreadByAddressAsync(threadId);
        await Expect(other.ThreadError).ToHaveTextAsync("Thread not found.");
        await Expect(other.RunForm).ToBeHiddenAsync();
        await Expect(other.Page.Locator("#messages")).ToBeHiddenAsync();

        // The owner's page is unaffected: the thread is there, with both messages.
        await Expect(owner.Threads).ToHaveTextAsync(["private plans"]);
        await Expect(owner.Messages).ToHaveTextAsync(["1, 2, 3, 4", "data-helper: For 4 numbers: sum 10, mean 2.5, median 2.5, min 1, max 4, standard deviation 1.118."]);
    }

    [Fact]
    public async Task AgentError_FailingTool_IsShownToTheUser()
    {
        var (page, _) = await RegisteredUserAsync();
        await page.NewThreadAsync("tool failure");

        await page.SendAsync("failing-tool", "look this up");

        await Expect(page.RunError).ToHaveTextAsync("The agent failed: tool always_fails failed: lookup service unavailable (simulated tool failure)");
        await Expect(page.RunStatus).ToHaveTextAsync("error");
        Assert.Equal(["agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_error"], await page.EventTypesAsync());
        await Expect(page.Events.Nth(3)).ToContainTextAsync("lookup service unavailable");
        // The error ends the run, not the connection: the user can go on.
        await Expect(page.SocketStatus).ToHaveTextAsync("connected");
        await page.SendAsync("data-helper", "2 and 4");
        await Expect(page.RunStatus).ToHaveTextAsync("completed (success)");
        await Expect(page.RunError).ToBeHiddenAsync();
    }
}
