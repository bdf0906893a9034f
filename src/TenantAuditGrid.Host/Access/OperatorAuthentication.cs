using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Access;

/// <summary>
/// Registers who may call: API keys always, Entra tokens when <see cref="OperatorSignInOptions"/> names a tenant and an app, and
/// browser sessions when it also holds the app's client secret.
/// </summary>
public static class OperatorAuthentication
{
    public static IServiceCollection AddOperatorAccess(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(OperatorSignInOptions.SectionName);
        services.AddOptions<OperatorSignInOptions>().Bind(section)
            .Validate(
                o => (o.TenantId is null) == string.IsNullOrWhiteSpace(o.ClientId),
                $"{OperatorSignInOptions.SectionName}: set TenantId and ClientId together (Entra sign-in), or neither (API keys only)")
            .ValidateOnStart();
        var configured = section.Get<OperatorSignInOptions>();
        var entra = configured?.EntraConfigured == true;
        var browser = configured?.BrowserSignInConfigured == true;

        var authentication = services.AddAuthentication(OperatorSchemes.Bearer)
            .AddPolicyScheme(OperatorSchemes.Bearer, "API key, Entra token or browser session", o => o.ForwardDefaultSelector = context =>
                BearerCredential.From(context.Request) is { } credential
                    ? entra && !ApiKeyFormat.LooksLikeKey(credential) ? OperatorSchemes.Entra : OperatorSchemes.ApiKey
                    : browser && context.Request.Headers.Authorization.Count == 0 && context.Request.Cookies.ContainsKey(BrowserSignIn.SessionCookie)
                        ? OperatorSchemes.Session
                        : OperatorSchemes.ApiKey)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(OperatorSchemes.ApiKey, configureOptions: null);
        if (entra)
        {
            authentication.AddJwtBearer(OperatorSchemes.Entra);
            services.AddSingleton<IConfigureOptions<JwtBearerOptions>, EntraTokenValidation>();
        }

        if (browser)
        {
            authentication.AddCookie(OperatorSchemes.Session).AddOpenIdConnect(OperatorSchemes.SignIn, _ => { });
            services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, BrowserSignIn>();
            services.AddSingleton<IConfigureOptions<CookieAuthenticationOptions>, BrowserSignIn>();
        }

        services.AddSessionAntiforgery();

        // Registered before the gateway and query registrations, whose every-tenant default yields to it.
        services.AddHttpContextAccessor();
        services.AddSingleton<OperatorScopeResolver>();
        services.AddSingleton<ITenantScopeProvider>(sp => sp.GetRequiredService<OperatorScopeResolver>());
        return services.AddOperatorAuthorization();
    }
}
