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
        var ledger = CoverageLedger.TrimBefore(sync.Coverage, retentionStart);
        var newestRead = CoverageLedger.Newest(ledger)?.To;
        var end = sync.SettledUpTo is { } settled && (newestRead is null || settled > newestRead) ? settled : newestRead;
        var coverage = source == AuditSource.SecurityActions || end is null
            ? []
            : CoverageTimeline.Build(ledger, sync.Pending, sync.Licence, end.Value, now);
        var newestComplete = coverage.LastOrDefault(r => r.State == CoverageState.Complete);
        var gaps = coverage.Where(r => r.State == CoverageState.Missing).Select(r => new TimeRange(r.From, r.To)).ToList();
        var holdable = end is { } until && until > retentionStart ? until - retentionStart : TimeSpan.Zero;
        var read = coverage.Where(r => r.State is CoverageState.Complete or CoverageState.Unverifiable)
            .Aggregate(TimeSpan.Zero, (sum, r) => sum + (r.To - r.From));
        var progress = holdable <= TimeSpan.Zero
            ? (sync.HighWaterMark is null ? 0 : 100)
            : Math.Round(100 * (read / holdable), 2);
        var runState = !sync.Running ? SyncRunState.Stopped
            : sync.PausedBy is not null ? SyncRunState.Paused
            // Live once history is read: a new tenant's backfill reaches up to its start, so its first poll is not needed for that.
            : sync.Pending.Count > 0 || sync.HighWaterMark is null ? SyncRunState.Backfilling
            : SyncRunState.Live;
        return new SourceSyncStatus(
            tenantId,
            source,
            runState,
            newestComplete?.From,
            newestComplete?.To,
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
            sync.LastSweepAt,
            sync.Licence,
            sync.RetentionDays);
    }
}
