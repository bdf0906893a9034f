using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using TenantAuditGrid.Graph;
using TenantAuditGrid.Graph.Clients;

namespace TenantAuditGrid.Host.Access;

/// <summary>
/// Browser sign-in with ASP.NET Core's OpenID Connect handler against the MSP's tenant: the authorization-code flow with PKCE, the
/// code redeemed with the app's client secret, and the ID token validated against the tenant's published keys, issuer and the
/// product's client id. The signed-in person's roles, groups and object id are the token's claims, unchanged, so the same policies
/// and grants as for bearer tokens apply. The session is a cookie: HTTP-only, SameSite=Lax (the sign-in returns by a top-level
/// redirect from another site, which Strict would strip), eight hours at most, after which the person signs in again and their
/// app roles are read afresh.
/// </summary>
internal sealed class BrowserSignIn(IOptions<OperatorSignInOptions> signIn, IOptions<GraphEndpointOptions> endpoints)
    : IConfigureNamedOptions<OpenIdConnectOptions>, IConfigureNamedOptions<CookieAuthenticationOptions>
{
    public const string SessionCookie = "TenantAuditGrid.Session";

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name != OperatorSchemes.SignIn)
        {
            return;
        }

        var authority = signIn.Value.Authority(endpoints.Value.AuthorityHost);
        options.Authority = authority;
        options.ClientId = signIn.Value.ClientId;
        options.ClientSecret = signIn.Value.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;

        // The code comes back in the query of a top-level GET, which carries the SameSite=Lax correlation cookies; a form_post
        // back from another site would need SameSite=None, which browsers refuse over the plain http of a laptop install.
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Scope.Clear();
        options.Scope.Add(OpenIdConnectScope.OpenIdProfile);
        options.SignInScheme = OperatorSchemes.Session;
        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.MapInboundClaims = false;
        options.BackchannelHttpHandler = new ServerCertificateTrust(endpoints.Value).CreateHandler();
        options.TokenValidationParameters.ValidIssuers = [authority];
        options.TokenValidationParameters.NameClaimType = OperatorClaims.Name;
        options.TokenValidationParameters.RoleClaimType = OperatorRoles.ClaimType;
        options.TokenValidationParameters.AuthenticationType = OperatorSchemes.Session;
    }

    public void Configure(string? name, CookieAuthenticationOptions options)
    {
        if (name != OperatorSchemes.Session)
        {
            return;
        }

        options.Cookie.Name = SessionCookie;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = SessionLifetime;
        options.SlidingExpiration = false;

        // An API answers an expired or missing session with 401 and a role it lacks with 403, as it does for bearer callers; the
        // browser goes to /signin itself rather than being redirected from a JSON request.
        options.Events.OnRedirectToLogin = context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };
        options.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }

    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);

    public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);
}
