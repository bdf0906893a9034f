namespace TenantAuditGrid.Store;

/// <summary>The schema of the configured store; the Host applies it once at start (and the <c>migrate</c> command in cluster mode).</summary>
public interface IStoreSchema
{
    /// <summary>Idempotent and safe to run concurrently; returns the schema versions before and after.</summary>
    Task<StoreSchemaResult> ApplyAsync(CancellationToken cancellationToken = default);
}

/// <summary>The schema version found and the version left by <see cref="IStoreSchema.ApplyAsync"/>.</summary>
public sealed record StoreSchemaResult(int FromVersion, int ToVersion);
