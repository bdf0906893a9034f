using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Abstractions.Sync;

/// <summary>The tenant-level view over a tenant's source sync grains: start or stop several sources and collect their status in one call.</summary>
public static class TenantSyncGrains
{
    public static ISourceSyncGrain SourceSync(this IGrainFactory grains, string tenantId, AuditSource source) =>
        grains.GetGrain<ISourceSyncGrain>(SourceSyncKey.For(tenantId, source));

    /// <summary>Starts the listed sources and stops every other one, so the call states the whole desired set.</summary>
    public static Task StartTenantSyncAsync(this IGrainFactory grains, string tenantId, IReadOnlyCollection<AuditSource> sources, SyncStart start)
    {
        ArgumentNullException.ThrowIfNull(sources);
        start.Validate();
        return Task.WhenAll(Enum.GetValues<AuditSource>().Select(source => sources.Contains(source)
            ? grains.SourceSync(tenantId, source).StartAsync(start)
            : grains.SourceSync(tenantId, source).StopAsync()));
    }

    public static Task StopTenantSyncAsync(this IGrainFactory grains, string tenantId) =>
        Task.WhenAll(Enum.GetValues<AuditSource>().Select(source => grains.SourceSync(tenantId, source).StopAsync()));

    public static async Task<IReadOnlyList<SourceSyncStatus>> GetTenantSyncStatusAsync(this IGrainFactory grains, string tenantId) =>
        await Task.WhenAll(Enum.GetValues<AuditSource>().Select(source => grains.SourceSync(tenantId, source).GetStatusAsync()));
}
