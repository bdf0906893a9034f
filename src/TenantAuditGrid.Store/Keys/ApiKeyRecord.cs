namespace TenantAuditGrid.Store.Keys;

/// <summary>
/// An API key as stored: everything but the secret itself, of which only the SHA-256 hash is kept. The key id is public (it is
/// part of the key and of every listing); the secret half never leaves the response that created it.
/// </summary>
public sealed record ApiKeyRecord
{
    public required string KeyId { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>The role's name as the API spells it (<c>reader</c>, <c>operator</c>, <c>admin</c>).</summary>
    public required string Role { get; init; }

    /// <summary>SHA-256 of the secret half of the key.</summary>
    public required byte[] SecretHash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Who created the key: an operator's object id, or <c>apiKey:{id}</c> for a key, or <c>bootstrap</c>.</summary>
    public required string CreatedBy { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When the key last authenticated a request, to the minute (updates are coalesced).</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public string? RevokedBy { get; init; }
}
