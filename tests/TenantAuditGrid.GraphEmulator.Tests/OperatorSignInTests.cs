using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.GraphEmulator.Tests;

/// <summary>
/// The emulator as the MSP tenant a person signs in to in a browser: the authorization-code flow with PKCE, its codes, its refusals,
/// and ID tokens that Microsoft.IdentityModel validates against the published metadata and keys as an app would.
/// </summary>
public sealed class OperatorSignInTests : IAsyncLifetime
{
    private static readonly Uri Callback = new("http://127.0.0.1:5999/signin-oidc");
    private static readonly Guid[] Groups = [Guid.NewGuid()];

    private GraphEmulatorServer server = null!;
    private HttpClient http = null!;
    private OperatorUserInfo reader = null!;

    public async Task InitializeAsync()
    {
        server = await GraphEmulatorServer.StartAsync(new EmulatorOptions { TenantCount = 0, Seed = 5 });
        http = new HttpClient(server.CreatePinnedHandler(followRedirects: false)) { BaseAddress = server.BaseAddress };
        reader = server.Control.CreateOperatorUser(new OperatorUserSpec("Riley Reader", "riley@msp.example", ["TenantAuditGrid.Reader"], Groups));
        server.Control.RegisterOperatorRedirectUri(Callback);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task The_sign_in_page_lists_the_operators_and_is_served_over_plain_http_that_the_metadata_sends_browsers_to()
    {
        var metadata = await http.GetFromJsonAsync<JsonElement>($"{server.Operators.TenantId}/v2.0/.well-known/openid-configuration");
        var authorize = new Uri(metadata.GetProperty("authorization_endpoint").GetString()!);

        using var browser = new HttpClient();
        var page = await browser.GetStringAsync(authorize + Query(Challenge(NewVerifier()), "n", "s"));

        Assert.Equal(Uri.UriSchemeHttp, authorize.Scheme);
        Assert.Equal(Uri.UriSchemeHttps, new Uri(metadata.GetProperty("token_endpoint").GetString()!).Scheme);
        Assert.Contains("Riley Reader", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{reader.ObjectId}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_redeemed_with_the_secret_and_verifier_gives_an_id_token_that_validates_against_the_published_keys()
    {
        var verifier = NewVerifier();
        var (code, state) = await SignInAsync(reader.ObjectId, Challenge(verifier), nonce: "nonce-1", state: "state-1");

        var (status, body) = await RedeemAsync(code, verifier);
        var idToken = body.GetProperty("id_token").GetString()!;
        var validated = await ValidateAsync(idToken);

        Assert.Equal((HttpStatusCode.OK, "state-1"), (status, state));
        Assert.True(validated.IsValid, validated.Exception?.Message);
        var claims = validated.ClaimsIdentity.Claims.ToLookup(c => c.Type, c => c.Value);
        Assert.Equal(reader.ObjectId.ToString(), claims["oid"].Single());
        Assert.Equal("nonce-1", claims["nonce"].Single());
        Assert.Equal(("Riley Reader", "riley@msp.example"), (claims["name"].Single(), claims["preferred_username"].Single()));
        Assert.Equal(["TenantAuditGrid.Reader"], claims["roles"]);
        Assert.Equal(Groups.Select(g => g.ToString()), claims["groups"]);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task A_wrong_verifier_is_refused_and_spends_the_code_so_the_right_one_cannot_follow()
    {
        var verifier = NewVerifier();
        var (code, _) = await SignInAsync(reader.ObjectId, Challenge(verifier), "n", "s");

        var wrong = await RedeemAsync(code, NewVerifier());
        var again = await RedeemAsync(code, verifier);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Contains("AADSTS501481", wrong.Body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid_grant", again.Body.GetProperty("error").GetString());
        Assert.Contains("AADSTS70000", again.Body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_is_refused_without_the_apps_secret_or_for_another_redirect_uri()
    {
        var verifier = NewVerifier();
        var (first, _) = await SignInAsync(reader.ObjectId, Challenge(verifier), "n", "s");
        var (second, _) = await SignInAsync(reader.ObjectId, Challenge(verifier), "n", "s");

        var wrongSecret = await RedeemAsync(first, verifier, secret: "not-the-secret");
        var otherRedirect = await RedeemAsync(second, verifier, redirectUri: "http://127.0.0.1:5999/elsewhere");

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (wrongSecret.Status, wrongSecret.Body.GetProperty("error").GetString()));
        Assert.Contains("AADSTS500112", otherRedirect.Body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_or_unknown_app_gets_an_error_page_and_is_never_redirected_to()
    {
        var unregistered = Query(Challenge(NewVerifier()), "n", "s").Replace(Uri.EscapeDataString(Callback.ToString()), Uri.EscapeDataString("https://attacker.example/cb"), StringComparison.Ordinal);
        var unknownApp = Query(Challenge(NewVerifier()), "n", "s").Replace(server.Operators.ApiClientId, Guid.NewGuid().ToString(), StringComparison.Ordinal);

        using var toAttacker = await http.GetAsync(AuthorizePath + unregistered);
        using var forUnknown = await http.GetAsync(AuthorizePath + unknownApp);

        Assert.Equal((HttpStatusCode.BadRequest, null), (toAttacker.StatusCode, toAttacker.Headers.Location));
        Assert.Contains("AADSTS50011", await toAttacker.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, null), (forUnknown.StatusCode, forUnknown.Headers.Location));
        Assert.Contains("AADSTS700016", await forUnknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_for_tokens_in_the_front_channel_goes_back_to_the_app_as_an_error_with_its_state()
    {
        var implicitFlow = Query(Challenge(NewVerifier()), "n", "state-9").Replace("response_type=code", "response_type=id_token", StringComparison.Ordinal);

        using var response = await http.GetAsync(AuthorizePath + implicitFlow);
        var back = QueryOf(response.Headers.Location!);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(Callback.ToString(), response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(("unsupported_response_type", "state-9"), (back["error"], back["state"]));
        Assert.False(back.ContainsKey("code"));
    }

    [Fact]
    public async Task Signing_out_returns_only_to_a_registered_address()
    {
        var home = new Uri(Callback, "/signout-callback-oidc");
        server.Control.RegisterOperatorRedirectUri(home);
        var logout = $"{server.Operators.TenantId}/oauth2/v2.0/logout?post_logout_redirect_uri=";

        using var registered = await http.GetAsync(logout + Uri.EscapeDataString(home.ToString()) + "&state=s1");
        using var elsewhere = await http.GetAsync(logout + Uri.EscapeDataString("https://attacker.example/"));

        Assert.Equal($"{home}?state=s1", registered.Headers.Location?.ToString());
        Assert.Equal((HttpStatusCode.OK, null), (elsewhere.StatusCode, elsewhere.Headers.Location));
    }

    [Fact]
    public async Task Operators_and_redirect_uris_are_added_over_the_control_api_and_bad_ones_change_nothing()
    {
        using var control = EmulatorClients.PinnedHttpClient(server);

        using var added = await control.PostAsJsonAsync("_emulator/operatorUsers", new { displayName = "Avery Admin", userPrincipalName = "avery@msp.example", appRoles = new[] { "TenantAuditGrid.Admin" } });
        using var duplicate = await control.PostAsJsonAsync("_emulator/operatorUsers", new { displayName = "Avery Again", userPrincipalName = "AVERY@msp.example", appRoles = Array.Empty<string>() });
        using var nameless = await control.PostAsJsonAsync("_emulator/operatorUsers", new { userPrincipalName = "x@msp.example", appRoles = Array.Empty<string>() });
        using var redirect = await control.PostAsJsonAsync("_emulator/operatorRedirectUris", new { uri = "https://tag.msp.example/signin-oidc" });
        using var fragment = await control.PostAsJsonAsync("_emulator/operatorRedirectUris", new { uri = "https://tag.msp.example/signin-oidc#x" });
        var page = await (await http.GetAsync(AuthorizePath + Query(Challenge(NewVerifier()), "n", "s"))).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (duplicate.StatusCode, nameless.StatusCode));
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.BadRequest), (redirect.StatusCode, fragment.StatusCode));
        Assert.Contains("Avery Admin", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Avery Again", page, StringComparison.Ordinal);
    }

    private string AuthorizePath => $"{server.Operators.TenantId}/oauth2/v2.0/authorize";

    private string Query(string challenge, string nonce, string state) =>
        $"?client_id={server.Operators.ApiClientId}&redirect_uri={Uri.EscapeDataString(Callback.ToString())}&response_type=code&scope=openid%20profile"
        + $"&code_challenge={challenge}&code_challenge_method=S256&nonce={nonce}&state={state}";

    /// <summary>What a browser does: opens the authorize URL, picks the person, and follows the redirect back to the app.</summary>
    private async Task<(string Code, string State)> SignInAsync(Guid user, string challenge, string nonce, string state)
    {
        using var form = new FormUrlEncodedContent([new("user", user.ToString())]);
        using var response = await http.PostAsync(AuthorizePath + Query(challenge, nonce, state), form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var back = QueryOf(response.Headers.Location!);
        return (back["code"], back["state"]);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> RedeemAsync(string code, string verifier, string? secret = null, string? redirectUri = null)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = server.OperatorSignIn.ClientId,
            ["client_secret"] = secret ?? server.OperatorSignIn.ClientSecret,
            ["code"] = code,
            ["redirect_uri"] = redirectUri ?? Callback.ToString(),
            ["code_verifier"] = verifier,
        });
        using var response = await http.PostAsync($"{server.Operators.TenantId}/oauth2/v2.0/token", form);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<TokenValidationResult> ValidateAsync(string idToken)
    {
        var authority = $"{server.BaseAddress}{server.Operators.TenantId}/v2.0";
        var configuration = await new ConfigurationManager<OpenIdConnectConfiguration>(
            $"{authority}/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever(http))
            .GetConfigurationAsync(CancellationToken.None);
        return await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = authority,
            ValidAudience = server.OperatorSignIn.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
        });
    }

    private static Dictionary<string, string> QueryOf(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]), StringComparer.Ordinal);

    private static string NewVerifier() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    private static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
