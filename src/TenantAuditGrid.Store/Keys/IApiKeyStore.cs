namespace TenantAuditGrid.Store.Keys;

/// <summary>API keys for automation, kept beside the audit store so that every silo of a cluster sees one set.</summary>
public interface IApiKeyStore
{
    /// <summary>How often <see cref="RecordUseAsync"/> writes: a key used every second costs one write a minute, not sixty.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    Task CreateAsync(ApiKeyRecord key, CancellationToken cancellationToken = default);

    Task<ApiKeyRecord?> GetAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>Every key, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether any key was ever created (revoked ones count): embedded mode creates its bootstrap key only into an empty store.</summary>
    Task<bool> AnyAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the key revoked unless it already is (the first revocation's time and author stay); returns the key as stored
    /// afterwards, or null when there is no such key.
    /// </summary>
    Task<ApiKeyRecord?> RevokeAsync(string keyId, DateTimeOffset revokedAt, string revokedBy, CancellationToken cancellationToken = default);

    /// <summary>Sets the last-used time unless it was set less than <see cref="LastUsedResolution"/> before <paramref name="usedAt"/>.</summary>
    Task RecordUseAsync(string keyId, DateTimeOffset usedAt, CancellationToken cancellationToken = default);
}
