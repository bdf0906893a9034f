using Orleans.Concurrency;
using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Abstractions.Sync;

/// <summary>
/// Syncs one audit source of one tenant from Graph into the audit store. One activation per tenant × source, keyed
/// <c>"{tenantId}/{source}"</c> (see <see cref="SourceSyncKey"/>), so a slow or broken source never holds up the other and each
/// keeps its own durable cursor. The tenant grain owns credential and health and drives it with Start/Stop.
/// </summary>
public interface ISourceSyncGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts syncing, or updates a running sync (a rotated credential, a changed retention) and resumes one paused by a 403.
    /// Idempotent: the durable cursor and coverage are kept, so calling it again never re-reads what is already complete.
    /// </summary>
    Task StartAsync(SyncStart start);

    /// <summary>Stops polling and lets the activation go; the cursor and coverage stay, so a later start resumes where this left off.</summary>
    [AlwaysInterleave]
    Task StopAsync();

    /// <summary>Coverage, lag, backfill progress, last success and last error: the data behind <c>GET /api/tenants/{id}/sync</c>.</summary>
    [AlwaysInterleave, ReadOnly]
    Task<SourceSyncStatus> GetStatusAsync();

    /// <summary>
    /// Abandons whatever request is in flight, exactly as a crash would, and deactivates. The next activation resumes from the durable
    /// cursor. For operators (a wedged sync) and for the tests that prove a crash at any moment loses nothing.
    /// </summary>
    [AlwaysInterleave]
    Task RestartAsync();
}
