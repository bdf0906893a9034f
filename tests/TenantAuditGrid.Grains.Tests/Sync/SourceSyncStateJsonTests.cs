using System.Text.Json;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Grains.Sync;

namespace TenantAuditGrid.Grains.Tests.Sync;

/// <summary>
/// The Host stores grain state with System.Text.Json; every part of the sync state must survive that. (The credential's polymorphism
/// belongs to <see cref="TenantCredential"/> and is tested with it.)
/// </summary>
public sealed class SourceSyncStateJsonTests
{
    [Fact]
    public void The_sync_state_round_trips_through_System_Text_Json()
    {
        var t = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        var state = new SourceSyncState
        {
            Running = true,
            Licence = TenantLicence.Free,
            HealthSinkId = "tenant/0f3c",
            PausedBy = new SourceHealth(AuditSource.DirectoryAudits, TenantHealthState.PermissionMissing, t, t, "Authentication_MSGraphPermissionMissing", "grant it", ["AuditLog.Read.All"], null),
            HighWaterMark = t,
            BoundaryIds = ["a", "b"],
            NewestEventAt = t.AddMinutes(-1),
            Coverage = [new TimeRange(t.AddDays(-1), t.AddMinutes(-30))],
            Pending = [new TimeRange(t.AddDays(-7), t.AddDays(-1))],
            BackfillQueued = TimeSpan.FromDays(7),
            Slice = new SliceShape(TimeSpan.FromHours(3), 500),
            LateArrivals = [TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(45)],
            LastPollAt = t,
            LastSuccessAt = t,
            LastError = new SyncError(t, "HTTP 504", "ServerError", 2),
            ConsecutiveFailures = 2,
            NotBefore = t.AddSeconds(8),
            ReportedState = TenantHealthState.Unreachable,
            Counters = new SyncCounters(10, 1, 2, 300, 290, 4, 1),
            NextListAt = t.AddMinutes(5),
            UnfinishedActions = new Dictionary<string, DateTimeOffset> { ["x"] = t },
            StartedAt = t.AddDays(-2),
            SettledUpTo = t.AddMinutes(-30),
            LastSweepAt = t.AddMinutes(-3),
        };

        var copy = JsonSerializer.Deserialize<SourceSyncState>(JsonSerializer.Serialize(state))!;

        Assert.Equal(JsonSerializer.Serialize(state), JsonSerializer.Serialize(copy));
        Assert.Equal(state.Coverage, copy.Coverage);
        Assert.Equal(state.Slice, copy.Slice);
        Assert.Equal(state.Counters, copy.Counters);
        Assert.Equal(state.PausedBy!.MissingPermissions, copy.PausedBy!.MissingPermissions);
        Assert.Equal(state.LastSweepAt, copy.LastSweepAt);
        Assert.Equal(TenantLicence.Free, copy.Licence);
        Assert.Equal(7, copy.RetentionDays);
    }
}
