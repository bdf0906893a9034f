using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Access;

/// <summary>Registers who may call: API keys always, Entra tokens when <see cref="OperatorSignInOptions"/> names a tenant and an app.</summary>
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
        var entra = section.Get<OperatorSignInOptions>()?.EntraConfigured == true;

        var authentication = services.AddAuthentication(OperatorSchemes.Bearer)
            .AddPolicyScheme(OperatorSchemes.Bearer, "API key or Entra token", o => o.ForwardDefaultSelector = context =>
                entra && BearerCredential.From(context.Request) is { } credential && !ApiKeyFormat.LooksLikeKey(credential)
                    ? OperatorSchemes.Entra
                    : OperatorSchemes.ApiKey)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(OperatorSchemes.ApiKey, configureOptions: null);
        if (entra)
        {
            authentication.AddJwtBearer(OperatorSchemes.Entra);
            services.AddSingleton<IConfigureOptions<JwtBearerOptions>, EntraTokenValidation>();
        }

        // Registered before the gateway and query registrations, whose every-tenant default yields to it.
        services.AddHttpContextAccessor();
        services.AddSingleton<OperatorScopeResolver>();
        services.AddSingleton<ITenantScopeProvider>(sp => sp.GetRequiredService<OperatorScopeResolver>());
        return services.AddOperatorAuthorization();
    }
}
