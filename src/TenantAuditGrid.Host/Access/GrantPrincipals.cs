using System.Security.Claims;

namespace TenantAuditGrid.Host.Access;

/// <summary>
/// How grants name who they are for, <c>{kind}:{id}</c>, and which of those names a caller answers to: an API key by its id; an Entra
/// caller by its object id (<c>oid</c>, a person or an application's service principal) and by every group in its <c>groups</c> claim.
/// </summary>
public static class GrantPrincipals
{
    public const string GroupsClaim = "groups";

    public static readonly string[] Kinds = ["user", "group", "apiKey"];

    public static string Of(string kind, string id) => $"{kind}:{id}";

    public static IReadOnlyList<string> Of(ClaimsPrincipal caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.FindFirstValue(OperatorClaims.ApiKeyId) is { } keyId)
        {
            return [ApiKeyCaller.Id(keyId)];
        }

        var principals = new List<string>();
        if (caller.FindFirstValue(OperatorClaims.ObjectId) is { } objectId)
        {
            principals.Add(Of("user", objectId));
        }

        principals.AddRange(caller.FindAll(GroupsClaim).Select(g => Of("group", g.Value)));
        return principals;
    }
}
