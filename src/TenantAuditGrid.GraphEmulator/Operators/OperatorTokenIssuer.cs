namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// Issues the MSP tenant's v2 tokens for the product, as Entra does for an app registration with <c>accessTokenAcceptedVersion: 2</c>:
/// issuer <c>{authority}/{tenant}/v2.0</c>, app roles in <c>roles</c>, group ids in <c>groups</c>. App-only access tokens for
/// automation, and for a person who signed in an ID token (audience the product's app) with an access token beside it. Signed with
/// the same key as Graph tokens and published in the same JWKS.
/// </summary>
internal sealed class OperatorTokenIssuer(TokenSigning signing, OperatorTenant tenant, EmulatorOptions options)
{
    private static readonly string[] SignInScopes = ["openid", "profile", "email", "offline_access"];

    public IssuedToken IssueAppOnly(Uri baseAddress, OperatorClient client)
    {
        var claims = new Dictionary<string, object>
        {
            ["azp"] = client.ClientId,
            ["azpacr"] = "1",
            ["idtyp"] = "app",
            ["oid"] = client.ObjectId.ToString(),
            ["sub"] = client.ObjectId.ToString(),
        };
        return Issue(baseAddress, tenant.Options.ApiClientId, claims, client.AppRoles, client.Groups);
    }

    /// <summary>The ID token for a code redemption: who signed in, with the nonce the product sent, so it can tie the two together.</summary>
    public IssuedToken IssueIdToken(Uri baseAddress, OperatorUser user, string? nonce)
    {
        var claims = UserClaims(user);
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        return Issue(baseAddress, tenant.Options.ApiClientId, claims, user.AppRoles, user.Groups);
    }

    /// <summary>
    /// The delegated access token beside it. Scopes of the product's API make it a token for the API, which the product accepts as a
    /// bearer token; a sign-in that asked only for OpenID scopes gets one for Graph, as Entra gives, which the product never uses.
    /// </summary>
    public IssuedToken IssueUserAccessToken(Uri baseAddress, OperatorUser user, string scope)
    {
        var requested = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var apiPrefixes = new[] { $"api://{tenant.Options.ApiClientId}/", $"{tenant.Options.ApiClientId}/" };
        var apiScopes = requested
            .Select(s => apiPrefixes.FirstOrDefault(p => s.StartsWith(p, StringComparison.OrdinalIgnoreCase)) is { } prefix ? s[prefix.Length..] : null)
            .OfType<string>()
            .ToArray();
        var claims = UserClaims(user);
        claims["azp"] = tenant.Options.ApiClientId;
        claims["azpacr"] = "1";
        if (apiScopes.Length > 0)
        {
            claims["scp"] = string.Join(' ', apiScopes);
            return Issue(baseAddress, tenant.Options.ApiClientId, claims, user.AppRoles, user.Groups);
        }

        claims["scp"] = string.Join(' ', requested.Where(s => SignInScopes.Contains(s, StringComparer.OrdinalIgnoreCase)).Append("User.Read"));
        return Issue(baseAddress, GraphAudience.AppId, claims, [], []);
    }

    private static Dictionary<string, object> UserClaims(OperatorUser user) => new()
    {
        ["name"] = user.DisplayName,
        ["preferred_username"] = user.UserPrincipalName,
        ["oid"] = user.ObjectId.ToString(),
        ["sub"] = user.ObjectId.ToString(),
    };

    private IssuedToken Issue(Uri baseAddress, string audience, Dictionary<string, object> claims, string[] appRoles, Guid[] groups)
    {
        var now = options.WallClock.GetUtcNow();
        var tenantId = tenant.Options.TenantId.ToString();
        claims["tid"] = tenantId;
        claims["ver"] = "2.0";
        if (appRoles.Length > 0)
        {
            claims["roles"] = appRoles;
        }

        if (groups.Length > 0)
        {
            claims["groups"] = groups.Select(g => g.ToString()).ToArray();
        }

        var issuer = new Uri(baseAddress, $"{tenantId}/v2.0").ToString();
        return signing.Issue(issuer, audience, now, now + tenant.Options.TokenLifetime, claims);
    }
}
