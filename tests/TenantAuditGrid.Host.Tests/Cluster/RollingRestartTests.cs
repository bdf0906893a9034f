using System.Diagnostics;
using TenantAuditGrid.Testing;
using Xunit.Abstractions;

namespace TenantAuditGrid.Host.Tests.Cluster;

/// <summary>
/// A rolling restart as Kubernetes does one: each of three silos in turn gets SIGTERM, must exit 0, and is replaced by a new process that
/// must become ready before the next goes, while 100 tenants are syncing. The store must end up equal to the emulator's ground truth.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RollingRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Restarting_all_three_silos_one_at_a_time_under_sync_loses_and_duplicates_nothing()
    {
        var run = Stopwatch.StartNew();
        await using var world = await ClusterWorld.StartAsync("rolling", seed: 43);
        var started = await Task.WhenAll(world.StartSiloAsync(), world.StartSiloAsync(), world.StartSiloAsync());
        await world.OnboardAllAsync(started[0]);
        var expected = world.VisibleEventsNow();
        await Waits.UntilAsync(async () => await world.StoredEventsAsync() >= expected / 5, TimeSpan.FromSeconds(120), "a fifth of the backfill");

        var storedAtStart = await world.StoredEventsAsync();
        foreach (var old in world.Silos.ToList())
        {
            var step = Stopwatch.StartNew();
            var storedBefore = await world.StoredEventsAsync();
            old.Process.SendTerminate();
            var exitCode = await old.Process.WaitForExitAsync(TimeSpan.FromSeconds(60));
            var stoppedAfter = step.Elapsed;
            Assert.True(exitCode == 0, $"{old.Name} exited with {exitCode} after SIGTERM:\n{old.Process.AllOutput}");

            var replacement = await world.StartSiloAsync();
            await Waits.UntilAsync(
                async () => await world.ActiveSiloNamesAsync() is { Count: 3 } active && active.Contains(replacement.Name) && !active.Contains(old.Name),
                TimeSpan.FromSeconds(30),
                $"membership to list {replacement.Name} instead of {old.Name}");
            output.WriteLine($"{old.Name} → {replacement.Name}: exit 0 after {stoppedAfter.TotalSeconds:0.0} s, replacement ready after " +
                             $"{replacement.ReadyAfter.TotalSeconds:0.0} s, {await world.StoredEventsAsync() - storedBefore} events stored meanwhile");
        }

        var restartsDone = run.Elapsed;
        var storedDuringRestarts = await world.StoredEventsAsync() - storedAtStart;
        var statuses = await world.WaitForConvergenceAsync(world.Silos[^1], TimeSpan.FromSeconds(150));
        var comparison = await world.CompareWithGroundTruthAsync(statuses);
        output.WriteLine(comparison.ToString());
        output.WriteLine($"rolling restart finished at {restartsDone.TotalSeconds:0} s, converged at {run.Elapsed.TotalSeconds:0} s");

        Assert.True(storedDuringRestarts > 0, "nothing was synced during the restarts; they did not happen under load");
        Assert.True(comparison.Expected > 0, "the emulator produced no events; the comparison would prove nothing");
        Assert.Equal(0, comparison.Missing);
        Assert.Equal(0, comparison.Duplicates);
        Assert.Equal(0, comparison.Unknown);
        Assert.All(statuses.Values, s => Assert.Equal(100, s.GetProperty("backfillProgressPercent").GetDouble()));
    }
}
