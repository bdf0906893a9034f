using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TenantAuditGrid.Testing.Hosts;

/// <summary>
/// What a browser does at a host with Entra sign-in, done by hand over real HTTP: a cookie jar, and each redirect of the OpenID
/// Connect round trip followed one at a time, through the emulator's sign-in page, so a test sees every hop.
/// </summary>
public sealed class SignedInBrowser : IDisposable
{
    public SignedInBrowser(Uri host) =>
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = Cookies })
        {
            BaseAddress = host,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>The cookies the host has set, as a browser keeps them.</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>Sends the session cookie, and the antiforgery header once <see cref="UseAntiforgeryTokenAsync"/> has run.</summary>
    public HttpClient Http { get; }

    /// <summary>Every Set-Cookie header the host sent on the way, for tests of cookie attributes.</summary>
    public List<string> SetCookieHeaders { get; } = [];

    /// <summary>Starts at <c>/signin</c>, picks <paramref name="user"/> on the sign-in page, and returns where the host finally sends the browser.</summary>
    public async Task<Uri> SignInAsync(Guid user, string returnUrl = "/")
    {
        var authorize = await RedirectAsync(await Http.GetAsync($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}"));
        using var pick = new FormUrlEncodedContent([new("user", user.ToString())]);
        var callback = await RedirectAsync(await Http.PostAsync(authorize, pick));
        return await RedirectAsync(await Http.GetAsync(callback));
    }

    /// <summary>Signs out with the home page's form, through the emulator's sign-out, back to where the host sends the browser.</summary>
    public async Task<Uri> SignOutAsync()
    {
        var token = await AntiforgeryTokenAsync();
        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        var logout = await RedirectAsync(await Http.PostAsync("/signout", form));
        var callback = await RedirectAsync(await Http.GetAsync(logout));
        return await RedirectAsync(await Http.GetAsync(callback));
    }

    /// <summary>The token a session's changing requests must carry, from <c>GET /api/me/antiforgery</c>.</summary>
    public async Task<string> AntiforgeryTokenAsync()
    {
        var view = await Http.GetFromJsonAsync<JsonElement>("/api/me/antiforgery");
        return view.GetProperty("token").GetString()!;
    }

    /// <summary>Makes <see cref="Http"/> send the antiforgery header on every request, as a page's script would.</summary>
    public async Task UseAntiforgeryTokenAsync() => Http.DefaultRequestHeaders.Add("X-XSRF-TOKEN", await AntiforgeryTokenAsync());

    public void Dispose() => Http.Dispose();

    private async Task<Uri> RedirectAsync(HttpResponseMessage response)
    {
        using (response)
        {
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                SetCookieHeaders.AddRange(cookies);
            }

            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther) || response.Headers.Location is null)
            {
                throw new InvalidOperationException(
                    $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} instead of a redirect: {await response.Content.ReadAsStringAsync()}");
            }

            return response.Headers.Location.IsAbsoluteUri ? response.Headers.Location : new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location);
        }
    }
}
