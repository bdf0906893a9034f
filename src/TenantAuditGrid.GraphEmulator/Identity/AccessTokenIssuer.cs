namespace TenantAuditGrid.GraphEmulator;

/// <summary>Issues app-only Graph access tokens shaped like Entra's v1 tokens, signed with the run's key.</summary>
internal sealed class AccessTokenIssuer(TokenSigning signing, TimeProvider clock, EmulatorOptions options)
{
    public static string IssuerFor(Guid tenantId) => $"https://sts.windows.net/{tenantId}/";

    /// <param name="credentialKind">1 for a client secret, 2 for a certificate, as appidacr/azpacr say.</param>
    public IssuedToken Issue(Guid tenantId, TokenRequestView app, ServicePrincipalView principal, int credentialKind)
    {
        var now = clock.GetUtcNow();
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
            ["ver"] = "1.0",
        };
        if (principal.Roles.Length > 0)
        {
            // Entra leaves the claim out entirely when nothing is granted.
            claims["roles"] = principal.Roles;
        }

        return signing.Issue(IssuerFor(tenantId), GraphAudience.Uri, now, now + options.AccessTokenLifetime, claims);
    }
}

internal sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresOn);
