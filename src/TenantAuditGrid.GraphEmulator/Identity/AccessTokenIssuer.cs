using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>Issues app-only Graph access tokens shaped like Entra's v1 tokens, signed with the run's key.</summary>
internal sealed class AccessTokenIssuer(TokenSigning signing, TimeProvider clock, EmulatorOptions options)
{
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static string IssuerFor(Guid tenantId) => $"https://sts.windows.net/{tenantId}/";

    /// <param name="credentialKind">1 for a client secret, 2 for a certificate, as appidacr/azpacr say.</param>
    public IssuedToken Issue(Guid tenantId, TokenRequestView app, ServicePrincipalView principal, int credentialKind)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.AccessTokenLifetime;
        var claims = new Dictionary<string, object>
        {
            ["tid"] = tenantId.ToString(),
            ["appid"] = app.ClientId,
            ["appidacr"] = credentialKind.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["azp"] = app.ClientId,
            ["azpacr"] = credentialKind.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["app_displayname"] = app.DisplayName,
            ["idp"] = IssuerFor(tenantId),
            ["idtyp"] = "app",
            ["oid"] = principal.ObjectId.ToString(),
            ["sub"] = principal.ObjectId.ToString(),
            ["uti"] = Base64UrlEncoder.Encode(Guid.NewGuid().ToByteArray()),
            ["ver"] = "1.0",
        };
        if (principal.Roles.Length > 0)
        {
            // Entra leaves the claim out entirely when nothing is granted.
            claims["roles"] = principal.Roles;
        }

        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IssuerFor(tenantId),
            Audience = GraphAudience.Uri,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = signing.Credentials,
        });
        return new IssuedToken(token, expires);
    }
}

internal sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresOn);
