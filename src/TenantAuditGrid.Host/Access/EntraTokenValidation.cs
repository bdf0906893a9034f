using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using TenantAuditGrid.Graph;
using TenantAuditGrid.Graph.Clients;

namespace TenantAuditGrid.Host.Access;

/// <summary>
/// Points ASP.NET Core's JWT bearer handler at the MSP's tenant: signing keys and issuer come from the tenant's OpenID metadata,
/// fetched through the same TLS trust as Graph calls (so the demo's emulator can stand in for Entra), and the audience must be the
/// product's app. Entra's v1 and v2 token issuers are both accepted, since which one a tenant issues depends on the app manifest.
/// </summary>
internal sealed class EntraTokenValidation(IOptions<OperatorSignInOptions> signIn, IOptions<GraphEndpointOptions> endpoints)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != OperatorSchemes.Entra)
        {
            return;
        }

        var tenantId = signIn.Value.TenantId!.Value;
        var clientId = signIn.Value.ClientId!;
        var authority = signIn.Value.Authority(endpoints.Value.AuthorityHost);
        options.Authority = authority;
        options.MapInboundClaims = false;
        options.BackchannelHttpHandler = new ServerCertificateTrust(endpoints.Value).CreateHandler();
        options.TokenValidationParameters.ValidAudiences = [clientId, $"api://{clientId}"];
        options.TokenValidationParameters.ValidIssuers = [authority, $"https://sts.windows.net/{tenantId}/"];
        options.TokenValidationParameters.NameClaimType = OperatorClaims.Name;
        options.TokenValidationParameters.RoleClaimType = OperatorRoles.ClaimType;
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
