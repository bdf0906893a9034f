using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Grains.Sync;

/// <summary>Turns the durable state into what an operator sees; pure, so it can be tested without a cluster.</summary>
public static class SourceSyncStatusBuilder
{
    public static SourceSyncStatus Build(string tenantId, AuditSource source, SourceSyncState sync, TimeSpan settleWindow, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sync);
        var retentionStart = now - TimeSpan.FromDays(sync.RetentionDays);
        var coverage = CoverageLedger.TrimBefore(sync.Coverage, retentionStart);
        var newest = CoverageLedger.Newest(coverage);
        var gaps = newest is null ? [] : CoverageLedger.Gaps(coverage, new TimeRange(retentionStart, newest.To));
        var remaining = sync.Pending.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Length);
        var progress = sync.BackfillQueued <= TimeSpan.Zero
            ? (sync.HighWaterMark is null ? 0 : 100)
            : Math.Round(100 * (1 - (remaining / sync.BackfillQueued)), 2);
        var runState = !sync.Running ? SyncRunState.Stopped
            : sync.PausedBy is not null ? SyncRunState.Paused
            // Live once history is read: a new tenant's backfill reaches up to its start, so its first poll is not needed for that.
            : sync.Pending.Count > 0 || sync.HighWaterMark is null ? SyncRunState.Backfilling
            : SyncRunState.Live;
        return new SourceSyncStatus(
            tenantId,
            source,
            runState,
            newest?.From,
            newest?.To,
            gaps,
            coverage,
            sync.LastPollAt is { } polled ? now - polled : null,
            sync.LastPollAt,
            sync.LastSuccessAt,
            sync.LastError,
            Math.Clamp(progress, 0, 100),
            settleWindow,
            sync.Counters,
            sync.PausedBy,
            sync.UnfinishedActions.Count,
            sync.LastSweepAt);
    }
}
