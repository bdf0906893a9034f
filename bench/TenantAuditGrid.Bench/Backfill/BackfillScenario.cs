using System.Diagnostics;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Bench.Sync;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Store;

using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.Bench.Backfill;

/// <summary>
/// <c>backfill</c>: N tenants × M events of history, read by the real product (one silo, sync and budget grains, PostgreSQL store) and then,
/// in the same run against the same emulator and data, by the naive SDK script. Throughput is reported against the throttle ceiling
/// (Graph's budget × 999 events per page), and both readers are checked against the emulator's ground truth: any miss fails the run.
/// </summary>
internal static class BackfillScenario
{
    private const int PageSize = 999;

    // Graph's app-wide report limit, 122 requests per 10 s, per second.
    private const double AppRequestsPerSecond = 12.2;

    public const string Usage =
        "Usage: … -- backfill [--smoke] [--tenants N] [--events M] [--time-scale S] [--timeout-minutes T] [--seed X] [--latency-ms L] [--other-tool-share F] [--naive 0|1] [--postgres CS] [--append FILE]\n" +
        "  L ms added to every emulator response (0). N tenants (1,000; smoke 10) with about M events each (2,000; smoke 100) of 7-day (Free) history; S = emulator time scale (1; smoke 2).\n" +
        "  F: share of the app's 122 requests/10 s that another tool on the same app spends while the product runs (0). --naive 0 skips the naive peer.";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["--help"])
        {
            Console.Error.WriteLine(Usage);
            return 0;
        }

        var arguments = ScenarioArguments.Parse("backfill", args);
        var tenants = arguments.Int("tenants", 1_000, 10);
        var eventsPerTenant = arguments.Int("events", 2_000, 100);
        var timeScale = arguments.Double("time-scale", 1, 2);
        var timeout = TimeSpan.FromMinutes(arguments.Double("timeout-minutes", 60, 5));
        var seed = arguments.Int("seed", 11, 11);
        // Graph's own response time: the in-process emulator answers in milliseconds, which flatters a sequential script most.
        var latency = TimeSpan.FromMilliseconds(arguments.Int("latency-ms", 0, 0));
        var otherToolShare = arguments.Double("other-tool-share", 0, 0);
        if (otherToolShare is < 0 or >= 1)
        {
            throw new ArgumentException($"--other-tool-share must be at least 0 and less than 1 (a share of the app's budget); got {otherToolShare}. {Usage}");
        }

        var runNaive = arguments.Int("naive", 1, 1) != 0;
        arguments.RejectUnknown();

        var emulatorOptions = new EmulatorOptions
        {
            TenantCount = tenants,
            Seed = seed,
            TimeScale = timeScale,
            Activity = new ActivityOptions { MeanEventsPerDay = eventsPerTenant / 7.0, VolumeSkew = 0, FreeLicenceShare = 1 },
            Faults = new FaultOptions { AddedLatency = latency },
        };
        await using var world = await ProductSilo.StartAsync(arguments, emulatorOptions);
        var control = world.Emulator.Control;
        var tenantList = control.Tenants();
        Log(world, $"emulator and silo up: {tenants} tenants, load average {BenchReport.LoadAverage()}");

        // The product: start every tenant's sync and wait until every one is live (all history up to its start read).
        var started = world.Clock.GetUtcNow();
        var cpuBefore = ProcessCpu.Now();
        var throttleBefore = control.ThrottleCounts;
        await using var otherTool = otherToolShare > 0 ? new OtherToolOnTheApp(world.Emulator, tenantList, otherToolShare * AppRequestsPerSecond, timeScale) : null;
        otherTool?.Start();

        await world.StartDirectoryAuditSyncAsync();
        var wall = Stopwatch.StartNew();
        SourceSyncStatus[] statuses;
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            try
            {
                statuses = await world.DirectoryAuditStatusesAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException && wall.Elapsed < timeout)
            {
                // A status read can fail while a grain (re)activates under load; that is the product's to report, not the benchmark's to stop on.
                Log(world, $"status read failed ({e.GetType().Name}: {e.Message}); retrying");
                continue;
            }

            var live = statuses.Count(s => s.State == SyncRunState.Live);
            if (live == statuses.Length || wall.Elapsed > timeout)
            {
                break;
            }

            if (wall.Elapsed.TotalSeconds % 30 < 2)
            {
                var sofar = control.ThrottleCounts.Minus(throttleBefore);
                Log(world, $"product: {live}/{tenants} live, {statuses.Sum(s => s.Counters.EventsStored):N0} events, {statuses.Sum(s => s.Counters.Requests):N0} requests, " +
                    $"Graph refused {sofar.RefusedAppWide:N0} app-wide and {sofar.RefusedPerTenant:N0} per tenant");
            }
        }

        var productElapsed = world.Clock.GetUtcNow() - started;
        var productCpu = ProcessCpu.Now() - cpuBefore;
        if (otherTool is not null)
        {
            await otherTool.DisposeAsync();
        }

        await world.StopDirectoryAuditSyncAsync();
        var graph = control.ThrottleCounts.Minus(throttleBefore);
        statuses = await world.DirectoryAuditStatusesAsync();
        var product = GroundTruthComparison.Zero;
        var minimumRequests = 0L;
        foreach (var tenant in tenantList)
        {
            var ids = await world.Stored.DirectoryAuditIdsAsync(tenant.Id.ToString(), AuditSources.Graph);
            var check = GroundTruthComparison.SinceStart(control, tenant, ids, started);
            product = product.Plus(check);
            minimumRequests += Math.Max(1, (check.Expected + PageSize - 1) / PageSize);
        }

        var notLive = wall.Elapsed > timeout ? statuses.Count(s => s.State != SyncRunState.Live) + 1 : 0;
        Log(world, $"product done in {productElapsed.TotalSeconds:F0} s emulated ({world.StartRetries} sync starts timed out and were sent again)");

        // Let the throttle windows of the product's last requests pass, so the naive peer starts with the same full budget.
        await Task.Delay(TimeSpan.FromSeconds(11 / timeScale));
        var naive = runNaive ? await new NaiveGraphSdkPeer(world.Emulator).RunAsync(tenantList, CancellationToken.None) : null;
        Log(world, naive is null ? "naive peer skipped (--naive 0)" : $"naive peer done in {naive.Elapsed.TotalSeconds:F0} s emulated");

        var requests = statuses.Sum(s => s.Counters.Requests);
        var throttled = statuses.Sum(s => s.Counters.Throttled);
        var stored = statuses.Sum(s => s.Counters.EventsStored);
        var budgetPerSecond = Math.Min(AppRequestsPerSecond, 0.5 * tenants);
        var ceiling = budgetPerSecond * PageSize;
        var productRate = stored / productElapsed.TotalSeconds;
        double? naiveRate = naive is null ? null : naive.Completeness.Stored / naive.Elapsed.TotalSeconds;
        var dataBound = minimumRequests / budgetPerSecond;

        var invariant = BenchReport.Invariant;
        List<string[]> rows =
        [
            ["product", $"{stored:N0} ({product.Expected:N0})", $"{product.Missing:N0}", $"{product.Unknown:N0}", $"{productElapsed.TotalSeconds:F0}",
                $"{productRate:N0}", $"{productRate / ceiling:P1}", $"{requests:N0}", $"{requests / productElapsed.TotalSeconds:F2} ({requests / productElapsed.TotalSeconds / budgetPerSecond:P0})",
                $"{throttled:N0} ({(double)throttled / Math.Max(1, requests):P2})", $"{productCpu.TotalSeconds:F0}", $"{productCpu.TotalMilliseconds / Math.Max(1, stored) * 1000:F0}"],
        ];
        if (naive is not null)
        {
            rows.Add(["naive SDK script", $"{naive.Completeness.Stored:N0} ({naive.Completeness.Expected:N0})", $"{naive.Completeness.Missing:N0}", $"{naive.Completeness.Unknown:N0}",
                $"{naive.Elapsed.TotalSeconds:F0}", $"{naiveRate:N0}", $"{naiveRate / ceiling:P1}", $"{naive.Requests:N0}",
                $"{naive.Requests / naive.Elapsed.TotalSeconds:F2} ({naive.Requests / naive.Elapsed.TotalSeconds / budgetPerSecond:P0})",
                $"{naive.Throttled:N0} ({(double)naive.Throttled / Math.Max(1, naive.Requests):P2})", $"{naive.Cpu.TotalSeconds:F0}", $"{naive.Cpu.TotalMilliseconds / Math.Max(1, naive.Completeness.Stored) * 1000:F0}"]);
        }

        var report = new BenchReport($"Backfill, {tenants:N0} tenants × ~{eventsPerTenant:N0} events", arguments)
            .Line($"Emulator: Graph's limits (122 requests/10 s per app, 5/10 s per tenant), time scale ×{timeScale}, no faults, {latency.TotalMilliseconds:0} ms added to every response, 7-day history " +
                  $"({tenantList.Sum(t => t.EventsPerDay) * 7 / tenants:N0} events per tenant on average). Product: one silo, PostgreSQL store and grain state, " +
                  $"default sync options. Naive peer: Microsoft.Graph {NaiveGraphSdkPeer.SdkVersion} PageIterator, $top=999, one tenant after another, SDK retry " +
                  "handler for 429s; it only collects ids (no store). Times are emulated seconds; CPU is this process (product or peer plus the emulator).")
            .Line("")
            .Table(
                ["Reader", "Events read (ground truth)", "Missing", "Unknown", "Time to full coverage (s)", "Events/s", "% of ceiling", "Requests", "Requests/s (% of budget)", "429s", "CPU s", "CPU ms per 1,000 events"],
                rows)
            .Line(string.Format(invariant, "Ceiling: {0:F1} requests/s × {1} events = {2:N0} events/s. The data itself needs at least {3:N0} requests " +
                "(one per 999 events per tenant, at least one per tenant), so no reader can finish in under {4:F0} s: the product took {5:F1}× that bound. " +
                "**Product / naive: {6}** (events/s).",
                budgetPerSecond, PageSize, ceiling, minimumRequests, dataBound, productElapsed.TotalSeconds / dataBound,
                naiveRate is { } baseline ? string.Create(invariant, $"{productRate / baseline:F1}×") : "not measured (--naive 0)"))
            .Line(string.Format(invariant, "Graph's side of the product's run (the emulator's throttle): {0:N0} reports requests admitted, {1:N0} refused " +
                "with 429 by the app-wide limit (122/10 s) and {2:N0} by the per-tenant limit (5/10 s), the other tool's included.",
                graph.Admitted, graph.RefusedAppWide, graph.RefusedPerTenant))
            .Line(otherTool is not null
                ? string.Format(invariant, "Another tool on the same app spent {0:P0} of the app's budget while the product ran ({1:F2} requests/s, every tenant in turn): " +
                    "{2:N0} requests, {3:N0} of them refused. What is left for the product: {4:F1} requests/s.",
                    otherToolShare, otherToolShare * AppRequestsPerSecond, otherTool.Sent, otherTool.Throttled, (1 - otherToolShare) * AppRequestsPerSecond)
                : "No other tool used the app.")
            .Line(string.Format(invariant, "Goals at 1,000 tenants: ≥ 90 % of the ceiling → {0}; < 1 % 429s → {1}; ≥ 10× the naive peer → {2}.",
                productRate / ceiling >= 0.9 ? "met" : "**missed**", (double)throttled / Math.Max(1, requests) < 0.01 ? "met" : "**missed**",
                naiveRate is not { } naiveEvents ? "not measured" : productRate / naiveEvents >= 10 ? "met" : "**missed**"));
        await report.PublishAsync();

        var problems = new List<string>();
        if (product.Missing > 0 || product.Unknown > 0 || stored != product.Stored)
        {
            problems.Add($"product: {product.Missing} missing, {product.Unknown} unknown, {stored} stored by the counters vs {product.Stored} in the store");
        }

        if (naive is not null && (naive.Completeness.Missing > 0 || naive.Completeness.Unknown > 0))
        {
            problems.Add($"naive peer: {naive.Completeness.Missing} missing, {naive.Completeness.Unknown} unknown");
        }

        if (notLive > 0)
        {
            problems.Add("the product did not reach full coverage of every tenant within the timeout");
        }

        problems.ForEach(p => Console.Error.WriteLine($"FAILED: {p}"));
        return problems.Count == 0 ? 0 : 1;
    }

    private static void Log(ProductSilo world, string message) => Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} [{world.Clock.GetUtcNow():HH:mm:ss} emulated] {message}");
}
