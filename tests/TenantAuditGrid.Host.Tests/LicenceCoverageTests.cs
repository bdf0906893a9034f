using System.Net;
using System.Text.Json;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Testing;
using TenantAuditGrid.Testing.Emulator;
using TenantAuditGrid.Testing.Hosts;

namespace TenantAuditGrid.Host.Tests;

/// <summary>
/// End to end on both stores: the Host process syncs a Free, a P1 and a P2 tenant and one whose licence Graph will not tell, and
/// claims for each exactly the history Graph held, compared with the emulator's licence and ground truth, before and after a
/// downgrade and an upgrade that the next probe notices.
/// </summary>
public sealed class LicenceCoverageTests
{
    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MaxSettleWindow = TimeSpan.FromHours(2);

    [Theory]
    [InlineData("embedded")]
    [InlineData("cluster")]
    public async Task Coverage_claims_what_each_licence_lets_graph_hold_through_a_downgrade_and_an_upgrade_and_keeps_the_stored_history(string mode)
    {
        await using var emulator = await GraphEmulatorServer.StartAsync(new EmulatorOptions
        {
            TenantCount = 0,
            Seed = 31,
            Activity = { MeanEventsPerDay = 24, VolumeSkew = 0 },
        });
        var free = emulator.Control.CreateTenant(new TenantSpec { DisplayName = "Free", Licence = TenantLicence.Free });
        var p1 = emulator.Control.CreateTenant(new TenantSpec { DisplayName = "P1", Licence = TenantLicence.P1 });
        var p2 = emulator.Control.CreateTenant(new TenantSpec { DisplayName = "P2", Licence = TenantLicence.P2 });
        var unread = emulator.Control.CreateTenant(new TenantSpec { DisplayName = "Unread", Licence = TenantLicence.Free, LicenceReadRefused = true });
        await using var world = await HostWorld.StartAsync(mode, emulator);
        foreach (var tenant in new[] { free, p1, p2, unread })
        {
            var (onboarded, _) = await world.SendAsync(HttpMethod.Post, "/api/tenants", new { tenantId = tenant.Id, displayName = tenant.DisplayName, sources = new[] { "directoryAudits" } });
            Assert.Equal(HttpStatusCode.Created, onboarded.StatusCode);
        }

        var statuses = new Dictionary<Guid, JsonElement>();
        foreach (var tenant in new[] { free, p1, p2, unread })
        {
            statuses[tenant.Id] = await world.LiveSyncAsync(tenant.Id);
        }

        await AssertLicenceAsync(world, free.Id, "free", 7);
        await AssertLicenceAsync(world, p1.Id, "p1", 30);
        await AssertLicenceAsync(world, p2.Id, "p2", 30);
        await AssertLicenceAsync(world, unread.Id, "unknown", 30);
        var now = emulator.Control.Now;
        AssertCoverage(statuses[free.Id], now, ("beyondRetention", 30, 7), ("complete", 7, 0));
        AssertCoverage(statuses[p1.Id], now, ("complete", 30, 0));
        AssertCoverage(statuses[p2.Id], now, ("complete", 30, 0));
        AssertCoverage(statuses[unread.Id], now, ("unverifiable", 30, 7), ("complete", 7, 0));
        foreach (var (tenant, status) in statuses)
        {
            Assert.Equal(100, status.GetProperty("backfillProgressPercent").GetDouble());
            Assert.Empty(status.GetProperty("gaps").EnumerateArray());
            var comparison = GroundTruthComparison.AtLastSweep(
                emulator.Control, tenant, await world.StoredIdsAsync(tenant), status.GetProperty("lastSweepAt").GetDateTimeOffset());
            Assert.Equal((0L, 0L, 0L), (comparison.Missing, comparison.Duplicates, comparison.Unknown));
            Assert.True(comparison.Expected > 0, $"tenant {tenant} has no events to compare");
        }

        var storedBefore = await world.StoredIdsAsync(p2.Id);
        var olderThanSevenDays = emulator.Control.VisibleAuditEventDetails(p2.Id).Where(e => e.ActivityDateTime < now.AddDays(-7) - Slack).Select(e => e.Id).ToList();
        Assert.NotEmpty(olderThanSevenDays);

        emulator.Control.UpdateTenant(p2.Id, new TenantUpdate { Licence = TenantLicence.Free });
        var (probed, _) = await world.SendAsync(HttpMethod.Post, $"/api/tenants/{p2.Id}/probe");
        Assert.Equal(HttpStatusCode.OK, probed.StatusCode);

        await AssertLicenceAsync(world, p2.Id, "free", 7);
        var downgraded = await world.DirectoryAuditsSyncAsync(p2.Id);
        AssertCoverage(downgraded, emulator.Control.Now, ("beyondRetention", 30, 7), ("complete", 7, 0));
        Assert.Equal(100, downgraded.GetProperty("backfillProgressPercent").GetDouble());
        var storedAfter = await world.StoredIdsAsync(p2.Id);
        Assert.Empty(storedBefore.Except(storedAfter));
        Assert.Empty(olderThanSevenDays.Except(storedAfter));
        Assert.DoesNotContain(emulator.Control.VisibleAuditEvents(p2.Id).Ids, id => olderThanSevenDays.Contains(id));

        // The upgraded Free tenant's older history (the emulator shows it once the licence keeps 30 days) is read and then complete.
        emulator.Control.UpdateTenant(free.Id, new TenantUpdate { Licence = TenantLicence.P1 });
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(HttpMethod.Post, $"/api/tenants/{free.Id}/probe")).Response.StatusCode);
        await AssertLicenceAsync(world, free.Id, "p1", 30);
        var upgraded = await world.LiveSyncAsync(free.Id);
        AssertCoverage(upgraded, emulator.Control.Now, ("complete", 30, 0));
        var afterUpgrade = GroundTruthComparison.AtLastSweep(
            emulator.Control, free.Id, await world.StoredIdsAsync(free.Id), upgraded.GetProperty("lastSweepAt").GetDateTimeOffset());
        Assert.Equal((0L, 0L, 0L), (afterUpgrade.Missing, afterUpgrade.Duplicates, afterUpgrade.Unknown));
        Assert.Contains(emulator.Control.VisibleAuditEventDetails(free.Id), e => e.ActivityDateTime < now.AddDays(-8));
    }

    private static async Task AssertLicenceAsync(HostWorld world, Guid tenant, string licence, int retentionDays)
    {
        var (_, body) = await world.SendAsync(HttpMethod.Get, $"/api/tenants/{tenant}");
        var capabilities = body.GetProperty("capabilities");
        Assert.Equal((licence, retentionDays), (capabilities.GetProperty("licence").GetString(), capabilities.GetProperty("retentionDays").GetInt32()));
    }

    /// <summary>
    /// The coverage is exactly these stretches, each given as (state, days ago it starts, days ago it ends) and matched within minutes;
    /// an end of 0 days ago means the newest settled instant.
    /// </summary>
    private static void AssertCoverage(JsonElement status, DateTimeOffset now, params (string State, int FromDaysAgo, int ToDaysAgo)[] expected)
    {
        var ranges = status.GetProperty("coverage").EnumerateArray().ToList();
        Assert.Equal(expected.Select(e => e.State), ranges.Select(r => r.GetProperty("state").GetString()));
        foreach (var (range, (state, fromDaysAgo, toDaysAgo)) in ranges.Zip(expected))
        {
            AssertNear(now.AddDays(-fromDaysAgo), range.GetProperty("from").GetDateTimeOffset(), $"{state} from");
            var to = range.GetProperty("to").GetDateTimeOffset();
            if (toDaysAgo == 0)
            {
                // The newest stretch ends where events are settled: the settle window (at most 2 hours) before the last poll.
                Assert.Equal(status.GetProperty("completeTo").GetDateTimeOffset(), to);
                Assert.InRange(now - to, TimeSpan.Zero, MaxSettleWindow + Slack);
            }
            else
            {
                AssertNear(now.AddDays(-toDaysAgo), to, $"{state} to");
            }
            if (state != "complete")
            {
                Assert.False(string.IsNullOrEmpty(range.GetProperty("remediation").GetString()), $"{state} has no remediation");
            }
        }
    }

    private static void AssertNear(DateTimeOffset expected, DateTimeOffset actual, string what) =>
        Assert.True((actual - expected).Duration() <= Slack, $"{what}: expected about {expected:O}, got {actual:O}");
}
