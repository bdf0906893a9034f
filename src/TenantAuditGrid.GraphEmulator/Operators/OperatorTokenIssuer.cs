namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// Issues app-only v2 access tokens for the product's API, as Entra does for an app registration with
/// <c>accessTokenAcceptedVersion: 2</c>: issuer <c>{authority}/{tenant}/v2.0</c>, the API's app id as audience, granted app roles
/// in <c>roles</c>. Signed with the same key as Graph tokens and published in the same JWKS.
/// </summary>
internal sealed class OperatorTokenIssuer(TokenSigning signing, OperatorTenant tenant, EmulatorOptions options)
{
    public IssuedToken IssueAppOnly(Uri baseAddress, OperatorClient client)
    {
        var now = options.WallClock.GetUtcNow();
        var tenantId = tenant.Options.TenantId.ToString();
        var claims = new Dictionary<string, object>
        {
            ["tid"] = tenantId,
            ["azp"] = client.ClientId,
            ["azpacr"] = "1",
            ["idtyp"] = "app",
            ["oid"] = client.ObjectId.ToString(),
            ["sub"] = client.ObjectId.ToString(),
            ["ver"] = "2.0",
        };
        if (client.AppRoles.Length > 0)
        {
            claims["roles"] = client.AppRoles;
        }

        if (client.Groups.Length > 0)
        {
            claims["groups"] = client.Groups.Select(g => g.ToString()).ToArray();
        }

        var issuer = new Uri(baseAddress, $"{tenantId}/v2.0").ToString();
        return signing.Issue(issuer, tenant.Options.ApiClientId, now, now + tenant.Options.TokenLifetime, claims);
    }
}
