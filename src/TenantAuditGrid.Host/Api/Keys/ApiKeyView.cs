using TenantAuditGrid.Host.Access;
using TenantAuditGrid.Store.Customers;
using TenantAuditGrid.Store.Keys;

namespace TenantAuditGrid.Host.Api.Keys;

/// <summary>An API key as listed: never its secret, which only the creating response holds.</summary>
/// <param name="Role"><c>reader</c>, <c>operator</c> or <c>admin</c>, as stored.</param>
/// <param name="State"><c>active</c>, <c>expired</c> or <c>revoked</c>, at the time of the answer.</param>
/// <param name="AllCustomers">Whether the key sees every customer: always for an admin key, else by its grant.</param>
/// <param name="Customers">The customers the key's grant names (change them with <c>PUT /api/grants/apiKey/{id}</c>).</param>
public sealed record ApiKeyView(
    string Id,
    string DisplayName,
    string Role,
    string State,
    bool AllCustomers,
    IReadOnlyList<string> Customers,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy)
{
    /// <param name="grant">The key's grant, if it has one.</param>
    public static ApiKeyView From(ApiKeyRecord key, AccessGrant? grant, DateTimeOffset now) => new(
        key.KeyId,
        key.DisplayName,
        key.Role,
        key.RevokedAt is not null ? "revoked" : key.ExpiresAt <= now ? "expired" : "active",
        key.Role == OperatorRoles.ApiName(OperatorRole.Admin) || grant?.AllCustomers == true,
        grant?.CustomerIds ?? [],
        key.CreatedAt,
        key.CreatedBy,
        key.ExpiresAt,
        key.LastUsedAt,
        key.RevokedAt,
        key.RevokedBy);
}

/// <summary>The answer to POST /api/keys: the key itself, shown this once.</summary>
public sealed record CreatedApiKey(ApiKeyView ApiKey, string Key)
{
    public override string ToString() => $"CreatedApiKey {{ Id = {ApiKey.Id} }}";
}
