using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Grains.Sync;

namespace TenantAuditGrid.Grains.Tests.Sync;

public sealed class SourceSyncStatusBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Status_shows_the_newest_complete_range_the_gaps_below_it_and_progress_against_what_graph_holds()
    {
        var state = new SourceSyncState
        {
            Running = true,
            Licence = TenantLicence.Free,
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
        Assert.Equal(
            [
                (Now.AddDays(-30), Now.AddDays(-7), CoverageState.BeyondRetention, CoverageTimeline.GraphRetention),
                (Now.AddDays(-7), Now.AddDays(-3), CoverageState.Missing, CoverageTimeline.BackfillPending),
                (Now.AddDays(-3), Now.AddDays(-2), CoverageState.Complete, null),
                (Now.AddDays(-2), Now.AddDays(-1), CoverageState.Missing, CoverageTimeline.BackfillPending),
                (Now.AddDays(-1), Now.AddMinutes(-30), CoverageState.Complete, null),
            ],
            Shape(status));
        // Read: 1 day plus 1 day less 30 minutes, of the 7 days less 30 minutes Graph holds up to the newest settled instant.
        Assert.Equal(Math.Round(100 * 47.5 / 167.5, 2), status.BackfillProgressPercent);
        Assert.Equal(TimeSpan.FromMinutes(2), status.Lag);
    }

    [Fact]
    public void A_free_tenant_read_to_the_end_of_its_seven_days_is_complete_there_and_beyond_retention_before_with_the_boundary()
    {
        var status = Live(TenantLicence.Free, read: new TimeRange(Now.AddDays(-7), Now.AddMinutes(-10)));

        Assert.Equal(
            [
                (Now.AddDays(-30), Now.AddDays(-7), CoverageState.BeyondRetention, CoverageTimeline.GraphRetention),
                (Now.AddDays(-7), Now.AddMinutes(-10), CoverageState.Complete, null),
            ],
            Shape(status));
        Assert.Contains("7 days", status.Coverage[0].Remediation, StringComparison.Ordinal);
        Assert.Equal(Now.AddDays(-7), status.CompleteFrom);
        Assert.Equal(100, status.BackfillProgressPercent);
        Assert.Empty(status.Gaps);
        Assert.Equal((TenantLicence.Free, 7), (status.Licence, status.RetentionDays));
    }

    [Fact]
    public void With_the_licence_unknown_what_was_read_more_than_seven_days_back_is_unverifiable_not_complete()
    {
        var status = Live(TenantLicence.Unknown, read: new TimeRange(Now.AddDays(-30), Now.AddMinutes(-10)));

        Assert.Equal(
            [
                (Now.AddDays(-30), Now.AddDays(-7), CoverageState.Unverifiable, CoverageTimeline.LicenceUnknown),
                (Now.AddDays(-7), Now.AddMinutes(-10), CoverageState.Complete, null),
            ],
            Shape(status));
        Assert.Contains("subscribedSkus", status.Coverage[0].Remediation, StringComparison.Ordinal);
        Assert.Equal(Now.AddDays(-7), status.CompleteFrom);
        Assert.Equal(100, status.BackfillProgressPercent);
    }

    [Theory]
    [InlineData(TenantLicence.P1)]
    [InlineData(TenantLicence.P2)]
    [InlineData(TenantLicence.Premium)]
    public void A_premium_tenant_read_for_30_days_is_complete_over_all_of_it(TenantLicence licence)
    {
        var status = Live(licence, read: new TimeRange(Now.AddDays(-30), Now.AddMinutes(-10)));

        Assert.Equal([(Now.AddDays(-30), Now.AddMinutes(-10), CoverageState.Complete, null)], Shape(status));
        Assert.Equal(Now.AddDays(-30), status.CompleteFrom);
    }

    [Fact]
    public void After_a_downgrade_history_older_than_seven_days_is_beyond_retention_and_progress_stays_full()
    {
        // Read for 30 days while the tenant was P1; the probe has since found it Free.
        var status = Live(TenantLicence.Free, read: new TimeRange(Now.AddDays(-30), Now.AddMinutes(-10)));

        Assert.Equal(
            [
                (Now.AddDays(-30), Now.AddDays(-7), CoverageState.BeyondRetention, CoverageTimeline.GraphRetention),
                (Now.AddDays(-7), Now.AddMinutes(-10), CoverageState.Complete, null),
            ],
            Shape(status));
        Assert.Equal(100, status.BackfillProgressPercent);
    }

    [Fact]
    public void A_stretch_graph_holds_that_is_neither_read_nor_queued_is_missing_as_not_read()
    {
        var state = new SourceSyncState
        {
            Running = true,
            Licence = TenantLicence.P1,
            Coverage = [new TimeRange(Now.AddDays(-30), Now.AddDays(-10)), new TimeRange(Now.AddDays(-9), Now.AddMinutes(-10))],
            HighWaterMark = Now,
            SettledUpTo = Now.AddMinutes(-10),
        };

        var status = SourceSyncStatusBuilder.Build("t", AuditSource.DirectoryAudits, state, TimeSpan.FromMinutes(10), Now);

        var missing = Assert.Single(status.Coverage, r => r.State == CoverageState.Missing);
        Assert.Equal((Now.AddDays(-10), Now.AddDays(-9), CoverageTimeline.NotRead), (missing.From, missing.To, missing.Reason));
        Assert.Equal([new TimeRange(Now.AddDays(-10), Now.AddDays(-9))], status.Gaps);
        Assert.True(status.BackfillProgressPercent is > 96 and < 97, $"{status.BackfillProgressPercent}");
    }

    [Fact]
    public void Security_actions_are_not_time_sliced_and_have_no_coverage()
    {
        var state = new SourceSyncState { Running = true, HighWaterMark = Now, SettledUpTo = Now };

        Assert.Empty(SourceSyncStatusBuilder.Build("t", AuditSource.SecurityActions, state, TimeSpan.Zero, Now).Coverage);
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
            Licence = TenantLicence.P2,
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

    private static SourceSyncStatus Live(TenantLicence licence, TimeRange read) =>
        SourceSyncStatusBuilder.Build(
            "t",
            AuditSource.DirectoryAudits,
            new SourceSyncState
            {
                Running = true,
                Licence = licence,
                Coverage = [read],
                HighWaterMark = Now,
                SettledUpTo = read.To,
                LastPollAt = Now,
            },
            TimeSpan.FromMinutes(10),
            Now);

    private static List<(DateTimeOffset From, DateTimeOffset To, CoverageState State, string? Reason)> Shape(SourceSyncStatus status) =>
        [.. status.Coverage.Select(r => (r.From, r.To, r.State, r.Reason))];
}
