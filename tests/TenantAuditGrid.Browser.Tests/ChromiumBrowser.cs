using Microsoft.Playwright;

namespace TenantAuditGrid.Browser.Tests;

/// <summary>
/// Debian's Chromium, driven by Playwright (which cannot download its own browsers here): <c>./build.sh test</c> installs it from apt.
/// Headless, and without the sandbox when the tests run as root, which Chromium's sandbox refuses.
/// </summary>
public static class ChromiumBrowser
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: run the tests with ./build.sh test, which installs Chromium from apt.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
        return (playwright, browser);
    }
}
