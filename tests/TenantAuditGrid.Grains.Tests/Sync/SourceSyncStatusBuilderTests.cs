using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Grains.Sync;

namespace TenantAuditGrid.Grains.Tests.Sync;

public sealed class SourceSyncStatusBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Status_shows_the_newest_complete_range_the_gaps_below_it_and_backfill_progress()
    {
        var state = new SourceSyncState
        {
            Running = true,
            RetentionDays = 7,
            Coverage = [new TimeRange(Now.AddDays(-3), Now.AddDays(-2)), new TimeRange(Now.AddDays(-1), Now.AddMinutes(-30))],
            Pending = [new TimeRange(Now.AddDays(-7), Now.AddDays(-3)), new TimeRange(Now.AddDays(-2), Now.AddDays(-1))],
            BackfillQueued = TimeSpan.FromDays(10),
            LastPollAt = Now.AddMinutes(-2),
        };

        var status = SourceSyncStatusBuilder.Build("t", AuditSource.DirectoryAudits, state, TimeSpan.FromMinutes(28), Now);

        Assert.Equal(SyncRunState.Backfilling, status.State);
        Assert.Equal(Now.AddDays(-1), status.CompleteFrom);
        Assert.Equal(Now.AddMinutes(-30), status.CompleteTo);
        Assert.Equal([new TimeRange(Now.AddDays(-7), Now.AddDays(-3)), new TimeRange(Now.AddDays(-2), Now.AddDays(-1))], status.Gaps);
        Assert.Equal(50, status.BackfillProgressPercent);
        Assert.Equal(TimeSpan.FromMinutes(2), status.Lag);
    }

    [Fact]
    public void A_paused_sync_says_so_and_a_stopped_one_too()
    {
        var paused = new SourceSyncState
        {
            Running = true,
            PausedBy = new SourceHealth(AuditSource.DirectoryAudits, TenantHealthState.PermissionMissing, Now, Now, "Authentication_MSGraphPermissionMissing", "grant it", ["AuditLog.Read.All"], null),
        };

        Assert.Equal(SyncRunState.Paused, SourceSyncStatusBuilder.Build("t", AuditSource.DirectoryAudits, paused, TimeSpan.Zero, Now).State);
        Assert.Equal(SyncRunState.Stopped, SourceSyncStatusBuilder.Build("t", AuditSource.DirectoryAudits, new SourceSyncState(), TimeSpan.Zero, Now).State);
    }

    [Fact]
    public void A_sync_with_all_history_read_and_polling_is_live_at_full_progress()
    {
        var state = new SourceSyncState
        {
            Running = true,
            Coverage = [new TimeRange(Now.AddDays(-30), Now.AddMinutes(-10))],
            BackfillQueued = TimeSpan.FromDays(30),
            LastPollAt = Now,
            HighWaterMark = Now,
        };

        var status = SourceSyncStatusBuilder.Build("t", AuditSource.DirectoryAudits, state, TimeSpan.FromMinutes(10), Now);

        Assert.Equal(SyncRunState.Live, status.State);
        Assert.Equal(100, status.BackfillProgressPercent);
        Assert.Empty(status.Gaps);
    }

    [Fact]
    public void A_new_sync_whose_backfill_reached_its_start_is_live_before_its_first_poll()
    {
        var started = Now.AddMinutes(-1);
        var state = new SourceSyncState
        {
            Running = true,
            HighWaterMark = started,
            SettledUpTo = started.AddHours(-2),
            Coverage = [new TimeRange(Now.AddDays(-7), started.AddHours(-2))],
            BackfillQueued = TimeSpan.FromDays(7),
        };
        var stillReading = new SourceSyncState
        {
            Running = true,
            HighWaterMark = started,
            Pending = [new TimeRange(Now.AddDays(-7), Now.AddDays(-6))],
            BackfillQueued = TimeSpan.FromDays(7),
        };

        Assert.Equal(SyncRunState.Live, SourceSyncStatusBuilder.Build("t", AuditSource.DirectoryAudits, state, TimeSpan.FromHours(2), Now).State);
        Assert.Equal(SyncRunState.Backfilling, SourceSyncStatusBuilder.Build("t", AuditSource.DirectoryAudits, stillReading, TimeSpan.FromHours(2), Now).State);
    }
}
