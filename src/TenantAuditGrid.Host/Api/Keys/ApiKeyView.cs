using TenantAuditGrid.Host.Access;
using TenantAuditGrid.Store.Keys;

namespace TenantAuditGrid.Host.Api.Keys;

/// <summary>An API key as listed: never its secret, which only the creating response holds.</summary>
/// <param name="Role"><c>reader</c>, <c>operator</c> or <c>admin</c>, as stored.</param>
/// <param name="State"><c>active</c>, <c>expired</c> or <c>revoked</c>, at the time of the answer.</param>
public sealed record ApiKeyView(
    string Id,
    string DisplayName,
    string Role,
    string State,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy)
{
    public static ApiKeyView From(ApiKeyRecord key, DateTimeOffset now) => new(
        key.KeyId,
        key.DisplayName,
        key.Role,
        key.RevokedAt is not null ? "revoked" : key.ExpiresAt <= now ? "expired" : "active",
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
