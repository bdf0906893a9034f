using System.Security.Claims;

namespace TenantAuditGrid.Host.Access;

/// <summary>Who made a request, as the product names callers: a signed-in operator, an application with an app-only token, or an API key.</summary>
/// <param name="Id">The Entra object id (<c>oid</c>), or <c>apiKey:{id}</c>.</param>
/// <param name="Kind"><c>user</c>, <c>application</c> or <c>apiKey</c>.</param>
/// <param name="Role">The highest TenantAuditGrid role the caller holds; null when it holds none.</param>
public sealed record OperatorCaller(string Id, string DisplayName, string Kind, OperatorRole? Role)
{
    private const string DelegatedScopesClaim = "scp";

    public static OperatorCaller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(OperatorClaims.ObjectId)
            ?? throw new InvalidOperationException("An authenticated caller without an object id: the authentication setup is wrong.");
        var kind = user.HasClaim(c => c.Type == OperatorClaims.ApiKeyId) ? "apiKey"
            : user.HasClaim(c => c.Type == DelegatedScopesClaim) || user.Identity?.AuthenticationType == OperatorSchemes.Session ? "user"
            : "application";
        var displayName = user.FindFirstValue(OperatorClaims.Name)
            ?? user.FindFirstValue(OperatorClaims.AppDisplayName)
            ?? user.FindFirstValue(OperatorClaims.AuthorizedParty)
            ?? id;
        return new OperatorCaller(id, displayName, kind, OperatorRoles.Highest(user.FindAll(OperatorRoles.ClaimType).Select(c => c.Value)));
    }
}
