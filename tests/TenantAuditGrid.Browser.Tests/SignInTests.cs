using Microsoft.Playwright;

namespace TenantAuditGrid.Browser.Tests;

/// <summary>
/// Browser sign-in in a real Chromium: the emulator's sign-in page, the OpenID Connect round trip, the session's cookies as the
/// browser keeps them, the person's customer scope on pages opened in the browser, signing out, and what another site can make the
/// signed-in browser do (nothing).
/// </summary>
public sealed class SignInTests(SignInFixture fixture) : IClassFixture<SignInFixture>
{
    [Fact]
    public async Task A_reader_signs_in_on_the_tenants_page_sees_only_their_customer_in_the_browser_and_signs_out()
    {
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var home = fixture.Host.BaseAddress.ToString();

        await page.GotoAsync(home);
        await page.GetByText("Sign in with Microsoft Entra ID").ClickAsync();
        await PickAsync(page, "Riley Reader");
        var greeting = await page.Locator("body").InnerTextAsync();
        var cookies = await context.CookiesAsync([home]);
        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, "api/tenants").ToString());
        var tenants = SignInFixture.TenantIdsIn(await page.Locator("body").InnerTextAsync());
        await page.GotoAsync(home);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        // The page starts on the address it ends on, so wait for what it shows, through the tenant's sign-out and back.
        await page.GetByText("Sign in with Microsoft Entra ID").WaitForAsync();
        var afterSignOut = await page.Locator("body").InnerTextAsync();

        Assert.Contains("Signed in as Riley Reader (reader), seeing northwind.", greeting, StringComparison.Ordinal);
        var session = Assert.Single(cookies, c => c.Name == "TenantAuditGrid.Session");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
        Assert.Equal([fixture.Tenants.Granted.ToString()], tenants);
        Assert.Contains("Sign in with Microsoft Entra ID", afterSignOut, StringComparison.Ordinal);
        Assert.DoesNotContain(await context.CookiesAsync([home]), c => c.Name == "TenantAuditGrid.Session");
    }

    /// <summary>
    /// A page on another port of the same host is the same site, so the browser sends the SameSite=Lax session with its form post and
    /// only the antiforgery check stops it; a page on another host name is another site, whose post carries no session at all.
    /// </summary>
    [Theory]
    [InlineData("127.0.0.1", 400)]
    [InlineData("localhost", 302)]
    public async Task A_form_another_page_posts_to_sign_out_leaves_the_signed_in_browser_signed_in(string attackerHost, int answered)
    {
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var home = fixture.Host.BaseAddress.ToString();
        await page.GotoAsync(new Uri(fixture.Host.BaseAddress, "signin").ToString());
        await PickAsync(page, "Avery Admin");

        var attackerPage = $"http://{attackerHost}:{fixture.Host.BaseAddress.Port + 1}/prize";
        await page.RouteAsync(attackerPage, route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = $"<form method=\"post\" action=\"{home}signout\"></form><script>document.forms[0].submit()</script>",
        }));
        // The page leaves at once for its form's target, so waiting for its own load would race that navigation.
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GotoAsync(attackerPage, new() { WaitUntil = WaitUntilState.Commit }), r => r.Url == $"{home}signout");
        // Another tab of the same browser, so the attacker page's navigation cannot interrupt the check.
        var check = await context.NewPageAsync();
        await check.GotoAsync(new Uri(fixture.Host.BaseAddress, "api/me").ToString());
        var me = await check.Locator("body").InnerTextAsync();

        Assert.Equal(answered, answer.Status);
        Assert.Contains(fixture.Admin.ObjectId.ToString(), me, StringComparison.Ordinal);
    }

    /// <summary>Picks the person on the emulator's sign-in page and waits until the host's home page greets them.</summary>
    private static async Task PickAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = name }).ClickAsync();
        try
        {
            await page.GetByText($"Signed in as {name}").WaitForAsync();
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"Signing in as {name} ended at {page.Url}: {await page.ContentAsync()}", e);
        }
    }
}
