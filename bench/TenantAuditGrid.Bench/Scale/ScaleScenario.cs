using System.Diagnostics;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Bench.Sync;
using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.Bench.Scale;

/// <summary>
/// <c>scale</c>: N tenants onboarded on one silo through their tenant grains (as the API's batch import does, probe queued behind the budget).
/// Reports onboarding time, the managed heap per grain activation (GC heap after a forced full collection, minus the heap before
/// onboarding, divided by the activations Orleans reports), and the process's CPU while the silo idles: tenants with no audit activity,
/// probes and polls paced by Graph's budget.
/// </summary>
internal static class ScaleScenario
{
    public const string Usage =
        "Usage: … -- scale [--smoke] [--tenants N] [--idle-seconds S] [--seed X] [--postgres CS] [--append FILE]\n" +
        "  N tenants (10,000; smoke 50) onboarded on one silo; CPU measured over S wall-clock seconds of idling (60; smoke 5).";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["--help"])
        {
            Console.Error.WriteLine(Usage);
            return 0;
        }

        var arguments = ScenarioArguments.Parse("scale", args);
        var tenants = arguments.Int("tenants", 10_000, 50);
        var idle = TimeSpan.FromSeconds(arguments.Int("idle-seconds", 60, 5));
        var seed = arguments.Int("seed", 13, 13);
        arguments.RejectUnknown();

        // Idle tenants: no audit activity, so every Graph answer is an empty page and what is measured is the product's own cost.
        var emulatorOptions = new EmulatorOptions
        {
            TenantCount = tenants,
            Seed = seed,
            Activity = new ActivityOptions { MeanEventsPerDay = 0, FreeLicenceShare = 1 },
        };
        await using var world = await ProductSilo.StartAsync(arguments, emulatorOptions);
        var heapBefore = CollectedHeap();
        var activationsBefore = await ActivationsAsync(world);

        var wall = Stopwatch.StartNew();
        var cpuBefore = ProcessCpu.Now();
        var refused = 0;
        await Parallel.ForEachAsync(world.Emulator.Control.Tenants(), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (tenant, _) =>
        {
            var result = await world.Grains.GetGrain<ITenantGrain>(tenant.Id.ToString("D")).OnboardAsync(
                new TenantRegistration(tenant.DisplayName, ["bench"], [AuditSource.DirectoryAudits, AuditSource.SecurityActions], new SharedAppTenantCredential(1)),
                probeNow: false);
            if (result.Tenant is null)
            {
                Interlocked.Increment(ref refused);
            }
        });
        var onboarding = wall.Elapsed;
        var onboardingCpu = ProcessCpu.Now() - cpuBefore;

        // Idle: the probes and the syncs they start run behind the budget; measure what the silo (and the in-process emulator) burns.
        var idleCpuBefore = ProcessCpu.Now();
        var idleWall = Stopwatch.StartNew();
        await Task.Delay(idle);
        var idleCpu = ProcessCpu.Now() - idleCpuBefore;
        var idleElapsed = idleWall.Elapsed;

        var heapAfter = CollectedHeap();
        var activations = await ActivationsAsync(world);
        var onboarded = 0;
        foreach (var batch in world.Emulator.Control.Tenants().Chunk(500))
        {
            var views = await Task.WhenAll(batch.Select(t => world.Grains.GetGrain<ITenantGrain>(t.Id.ToString("D")).GetAsync()));
            onboarded += views.Count(v => v is not null);
        }

        var added = activations.ToDictionary(a => a.Key, a => a.Value - activationsBefore.GetValueOrDefault(a.Key));
        var grains = added.Values.Sum();
        var heapDelta = heapAfter - heapBefore;
        var report = new BenchReport($"Scale, {tenants:N0} tenants on one silo", arguments)
            .Line("Emulator: Graph's limits, time scale ×1, tenants with no audit activity. Product: one silo, PostgreSQL grain state, reminders and store, " +
                  "tenants onboarded through `ITenantGrain.OnboardAsync` (directoryAudits + securityActions, probe queued behind the budget), 32 at a time. " +
                  "Heap = `GC.GetTotalMemory` after a forced, compacting full collection; the in-process emulator's own growth is inside the delta, so the figure is an upper bound.")
            .Line("")
            .Table(
                ["Tenants onboarded", "Onboarding (s)", "Onboarding CPU ms per tenant", "Grain activations added", "Heap delta (MB)", "KB per activation", "KB per tenant", "Idle CPU (% of one core)"],
                [[
                    $"{onboarded:N0}", $"{onboarding.TotalSeconds:F1}", $"{onboardingCpu.TotalMilliseconds / tenants:F1}", $"{grains:N0}",
                    $"{heapDelta / 1e6:F1}", $"{heapDelta / 1024.0 / Math.Max(1, grains):F1}", $"{heapDelta / 1024.0 / tenants:F1}",
                    $"{idleCpu / idleElapsed:P1}",
                ]])
            .Line("Activations added by type: " + string.Join(", ", added.Where(a => a.Value > 0).OrderByDescending(a => a.Value).Select(a => $"{a.Key} {a.Value:N0}")) + ".")
            .Line(string.Format(BenchReport.Invariant, "Goal: ≤ 20 KB per idle tenant grain → {0}.", heapDelta / 1024.0 / Math.Max(1, grains) <= 20 ? "met" : "**missed**"));
        await report.PublishAsync();

        if (onboarded != tenants || refused > 0)
        {
            Console.Error.WriteLine($"FAILED: {onboarded} of {tenants} tenants onboarded, {refused} refused");
            return 1;
        }

        return 0;
    }

    private static long CollectedHeap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<Dictionary<string, int>> ActivationsAsync(ProductSilo world)
    {
        var statistics = await world.Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.GroupBy(s => s.GrainType.Split(',')[0].Split('.')[^1]).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
    }
}
