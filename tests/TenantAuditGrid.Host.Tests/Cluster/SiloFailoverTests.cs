using System.Diagnostics;
using TenantAuditGrid.Testing;
using Xunit.Abstractions;

namespace TenantAuditGrid.Host.Tests.Cluster;

/// <summary>
/// Three real Host processes form one cluster on PostgreSQL and sync 100 emulated tenants. One is killed with SIGKILL in the middle of
/// the backfill; the survivors must take over its sync grains on their own, and the store must end up equal to the emulator's ground truth.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloFailoverTests(ITestOutputHelper output)
{
    private const int DeadStatus = 6; // Orleans SiloStatus.Dead

    [Fact]
    public async Task A_silo_killed_mid_backfill_has_its_syncs_taken_over_with_no_event_missing_or_duplicated()
    {
        var run = Stopwatch.StartNew();
        await using var world = await ClusterWorld.StartAsync("failover", seed: 41);
        // All three start at once, as a Deployment's pods do: the schema step at start is idempotent and serialised by an advisory lock.
        var started = await Task.WhenAll(world.StartSiloAsync(), world.StartSiloAsync(), world.StartSiloAsync());
        var gateway = started[0];
        Assert.Equal(world.Silos.Select(s => s.Name).Order(), await world.ActiveSiloNamesAsync());
        output.WriteLine($"3 silos ready after {run.Elapsed.TotalSeconds:0.0} s ({string.Join(", ", world.Silos.Select(s => $"{s.Name} {s.ReadyAfter.TotalSeconds:0.0} s"))})");

        await world.OnboardAllAsync(gateway);
        var expected = world.VisibleEventsNow();
        await Waits.UntilAsync(async () => await world.StoredEventsAsync() >= expected / 4, TimeSpan.FromSeconds(120), "a quarter of the backfill");

        // Sync grains are placed at random, so each silo runs about a third of them. Any silo under 10 of 100 has odds of 3 in 100
        // million; Orleans' default placement, which follows load, gave that in 7 of 24 runs.
        var placement = world.Silos.ToDictionary(s => s, s => s.SyncActivations().Select(a => a.TenantId).ToHashSet());
        output.WriteLine("sync grains per silo before the kill: " + string.Join(", ", placement.Select(p => $"{p.Key.Name} {p.Value.Count}")));
        Assert.All(placement.Values, tenants => Assert.InRange(tenants.Count, 10, 100));

        var victim = placement.Where(p => p.Key != gateway).MaxBy(p => p.Value.Count).Key;
        var victimTenants = placement[victim];
        var storedAtKill = await world.StoredEventsPerTenantAsync();
        var unfinished = victimTenants.Where(t => storedAtKill.GetValueOrDefault(t) < world.Emulator.Control.VisibleAuditEvents(Guid.Parse(t)).Count).ToList();
        Assert.True(unfinished.Count > 0, "the kill would not be mid-backfill for the victim: " + string.Join(", ", victimTenants.Take(5).Select(t =>
            $"{t} stored {storedAtKill.GetValueOrDefault(t)} of {world.Emulator.Control.VisibleAuditEvents(Guid.Parse(t)).Count}")));

        var victimUsage = victim.Usage();
        var killedAt = DateTimeOffset.UtcNow;
        victim.Process.KillHard();
        await victim.Process.WaitForExitAsync(TimeSpan.FromSeconds(10));

        // The writing silo stamps ingested_at before its COPY, so only rows stamped after the victim is gone are surely the survivors'.
        var goneAt = DateTimeOffset.UtcNow;

        // Watch only the database and the survivors' logs: calling the API for these tenants would itself reactivate their grains.
        var survivors = world.Silos.Where(s => s != victim).ToList();
        DateTimeOffset? declaredDeadAt = null, firstIngestAt = null;
        var takenOver = new Dictionary<string, DateTimeOffset>();
        await Waits.UntilAsync(
            async () =>
            {
                declaredDeadAt ??= await world.MembershipStatusAsync(victim) == DeadStatus ? DateTimeOffset.UtcNow : null;
                firstIngestAt ??= await world.FirstIngestedAfterAsync(unfinished, goneAt);
                foreach (var (tenant, at) in survivors.SelectMany(s => s.SyncActivations()).Where(a => a.At > killedAt && victimTenants.Contains(a.TenantId)))
                {
                    takenOver.TryAdd(tenant, at);
                }

                return declaredDeadAt is not null && firstIngestAt is not null && takenOver.Count == victimTenants.Count;
            },
            TimeSpan.FromSeconds(150),
            "the survivors to declare the victim dead and take over all its sync grains");

        var report = new FailoverReport(
            victim.Name, victimTenants.Count, unfinished.Count,
            declaredDeadAt!.Value - killedAt,
            takenOver.Values.Min() - killedAt,
            takenOver.Values.Max() - killedAt,
            firstIngestAt!.Value - killedAt);
        output.WriteLine(report.ToString());

        var statuses = await world.WaitForConvergenceAsync(gateway, TimeSpan.FromSeconds(150));
        var comparison = await world.CompareWithGroundTruthAsync(statuses);
        output.WriteLine(comparison.ToString());
        output.WriteLine(await SizingAsync(world, survivors, victim, victimUsage));
        output.WriteLine($"whole test {run.Elapsed.TotalSeconds:0} s");

        Assert.True(comparison.Expected > 0, "the emulator produced no events; the comparison would prove nothing");
        Assert.Equal(0, comparison.Missing);
        Assert.Equal(0, comparison.Duplicates);
        Assert.Equal(0, comparison.Unknown);
        Assert.All(statuses.Values, s => Assert.Equal(100, s.GetProperty("backfillProgressPercent").GetDouble()));
    }

    /// <summary>Store size per event, and each silo's memory and the CPU it spent after it became ready (startup and JIT excluded).</summary>
    private static async Task<string> SizingAsync(ClusterWorld world, IReadOnlyList<Silo> survivors, Silo victim, (long RssBytes, TimeSpan Cpu) victimUsage)
    {
        var events = await world.StoredEventsAsync();
        var bytes = await world.AuditEventsBytesAsync();
        var usage = survivors.Select(s => (s.Name, Usage: s.Usage(), s.ReadyUsage)).Append((Name: victim.Name, Usage: victimUsage, victim.ReadyUsage)).ToList();
        var syncCpu = usage.Aggregate(TimeSpan.Zero, (sum, u) => sum + (u.Usage.Cpu - u.ReadyUsage.Cpu));
        return $"store: {events} events in {bytes / 1048576.0:0.0} MiB (audit_events with indexes and TOAST) = {bytes * 1_000_000.0 / events / 1073741824:0.00} GiB per million events; " +
               $"silo CPU after ready {syncCpu.TotalSeconds:0.0} s in all = {syncCpu.TotalMilliseconds / events * 1000:0} ms per 1,000 events synced; " +
               string.Join(", ", usage.Select(u => $"{u.Name} RSS {u.Usage.RssBytes / 1048576} MiB (ready: {u.ReadyUsage.RssBytes / 1048576} MiB), CPU after ready {(u.Usage.Cpu - u.ReadyUsage.Cpu).TotalSeconds:0.0} s"));
    }
}

/// <summary>What the failover test measured, all from the instant of the SIGKILL.</summary>
public sealed record FailoverReport(
    string Victim, int VictimTenants, int UnfinishedAtKill, TimeSpan DeclaredDead, TimeSpan FirstTakeover, TimeSpan LastTakeover, TimeSpan FirstNewEvent)
{
    public override string ToString() =>
        $"killed {Victim} running {VictimTenants} tenants' syncs ({UnfinishedAtKill} mid-backfill): declared dead after {DeclaredDead.TotalSeconds:0.0} s, " +
        $"syncs running again on survivors after {FirstTakeover.TotalSeconds:0.0}–{LastTakeover.TotalSeconds:0.0} s, " +
        $"first event stored for a mid-backfill tenant after the victim was gone: {FirstNewEvent.TotalSeconds:0.0} s";
}
