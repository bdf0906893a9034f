namespace TenantAuditGrid.Store;

/// <summary>
/// The store was migrated by a newer build than this one. Nothing is changed: running an older build on it could write what the
/// newer schema no longer expects, so the fix is to run the newer build (or restore a backup taken before the upgrade).
/// </summary>
public sealed class StoreSchemaTooNewException(string store, int storeVersion, int buildVersion)
    : Exception($"{store} is at schema version {storeVersion}, newer than this build knows ({buildVersion}); run the newer build")
{
    public int StoreVersion { get; } = storeVersion;

    public int BuildVersion { get; } = buildVersion;
}
