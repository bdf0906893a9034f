using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TenantAuditGrid.Host.Tests.Tenants;
using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.Host.Tests.Access;

/// <summary>
/// Browser sign-in on the embedded Host: OpenID Connect with the emulator as the MSP's tenant, a session cookie that the same roles
/// and grants apply to, antiforgery on every changing request a session makes, no open redirect, and signing out that ends it.
/// </summary>
[Collection(EmulatedHostCollection.Name)]
public sealed class BrowserSignInTests(EmulatedHostFixture fixture)
{
    [Fact]
    public async Task A_person_signed_in_is_the_user_with_their_object_id_name_and_highest_role_and_lands_where_they_asked()
    {
        var user = fixture.Emulator.Control.CreateOperatorUser(new("Morgan Operator", $"{Guid.NewGuid():N}@msp.example", [EmulatorOperators.Reader, EmulatorOperators.Operator]));
        using var browser = fixture.NewBrowser();

        var landed = await browser.SignInAsync(user.ObjectId, "/api/tenants?pageSize=5");
        var me = await browser.Http.GetFromJsonAsync<JsonElement>("/api/me");

        Assert.Equal("/api/tenants?pageSize=5", landed.PathAndQuery);
        Assert.Equal(
            (user.ObjectId.ToString(), "Morgan Operator", "user", "operator"),
            (me.GetProperty("id").GetString(), me.GetProperty("displayName").GetString(), me.GetProperty("kind").GetString(), me.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task A_sessions_changing_request_needs_its_own_antiforgery_token_and_without_one_changes_nothing()
    {
        var (_, admin) = await fixture.SignedInAsync("Avery Admin", EmulatorOperators.Admin);
        var (_, other) = await fixture.SignedInAsync("Other Admin", EmulatorOperators.Admin);
        var customerId = $"csrf-{Guid.NewGuid():N}"[..20];
        var body = new { id = customerId, displayName = "Forged" };

        // Fetching its own token first gives the session its antiforgery cookie, so the borrowed token fails on whose it is.
        var ownToken = await admin.AntiforgeryTokenAsync();
        using var bare = await admin.Http.PostAsJsonAsync("/api/customers", body);
        using var borrowed = await SendWithTokenAsync(admin, await other.AntiforgeryTokenAsync(), body);
        using var stillAbsent = await fixture.Http.GetAsync($"/api/customers/{customerId}");
        using var own = await SendWithTokenAsync(admin, ownToken, body);

        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains("X-XSRF-TOKEN", await bare.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, borrowed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stillAbsent.StatusCode);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        admin.Dispose();
        other.Dispose();
    }

    [Theory]
    [InlineData("https://attacker.example/")]
    [InlineData("//attacker.example/")]
    [InlineData("/\\attacker.example/")]
    public async Task Sign_in_returns_only_to_a_path_on_this_host(string returnUrl)
    {
        var user = fixture.Emulator.Control.CreateOperatorUser(new("Redirected", $"{Guid.NewGuid():N}@msp.example", [EmulatorOperators.Reader]));
        using var browser = fixture.NewBrowser();

        var landed = await browser.SignInAsync(user.ObjectId, returnUrl);

        Assert.Equal(new Uri(fixture.Http.BaseAddress!, "/"), landed);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_and_signing_out_ends_the_session_here_and_at_the_tenant()
    {
        var (_, browser) = await fixture.SignedInAsync("Leaving", EmulatorOperators.Reader);
        var session = browser.SetCookieHeaders.Single(c => c.StartsWith("TenantAuditGrid.Session=", StringComparison.Ordinal));
        using (var before = await browser.Http.GetAsync("/api/me"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var landed = await browser.SignOutAsync();
        using var after = await browser.Http.GetAsync("/api/me");
        var home = await browser.Http.GetStringAsync("/");

        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(new Uri(fixture.Http.BaseAddress!, "/"), landed);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("href=\"/signin\"", home, StringComparison.Ordinal);
        browser.Dispose();
    }

    [Fact]
    public async Task A_person_without_a_role_is_signed_in_but_refused_the_api_and_told_why()
    {
        var (_, browser) = await fixture.SignedInAsync("No Role");

        using var me = await browser.Http.GetAsync("/api/me");
        var home = await browser.Http.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.Forbidden, me.StatusCode);
        Assert.Contains("holds no TenantAuditGrid role", home, StringComparison.Ordinal);
        browser.Dispose();
    }

    [Fact]
    public async Task A_forged_session_cookie_is_no_one()
    {
        using var browser = fixture.NewBrowser();
        browser.Cookies.Add(fixture.Http.BaseAddress!, new Cookie("TenantAuditGrid.Session", "CfDJ8forged-and-not-protected"));

        using var me = await browser.Http.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendWithTokenAsync(Testing.Hosts.SignedInBrowser browser, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/customers") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-XSRF-TOKEN", token);
        return await browser.Http.SendAsync(request);
    }
}
