using System.Diagnostics;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(AgentChat.Web.E2E.BrowserFixture))]

namespace AgentChat.Web.E2E;

/// <summary>
/// One headless Chromium for the suite: Debian's /usr/bin/chromium, never a downloaded browser.
/// On a machine without it the fixture installs Debian's package when it runs as root (as
/// test.sh does), and otherwise fails every test with what to install: never a skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await EnsureChromiumAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    private static async Task EnsureChromiumAsync()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }

        if ((await RunAsync("id", "-u")).Output.Trim() != "0")
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: the browser suite drives Debian's Chromium. Install it with `sudo apt-get install -y chromium` (no browser is downloaded by Playwright).");
        }

        var update = await RunAsync("apt-get", "update");
        var install = update.ExitCode == 0 ? await RunAsync("apt-get", "install -y --no-install-recommends chromium") : update;
        if (install.ExitCode != 0 || !File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing and `apt-get install chromium` failed (exit {install.ExitCode}):\n{install.Output}");
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
