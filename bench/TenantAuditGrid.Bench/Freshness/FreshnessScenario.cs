using Npgsql;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Bench.Sync;
using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.Bench.Freshness;

/// <summary>
/// <c>freshness</c>: live events arrive at a skewed rate across many tenants while the product syncs them. For each event that became
/// visible in the emulator during the measured window, the delay until it is queryable in the store (its row's <c>ingested_at</c>, stamped
/// on the emulator's clock when the page is written) minus the instant it became visible in the emulator. The budget's lower bound:
/// each tenant can be polled at most once per tenants ÷ request rate seconds.
/// </summary>
internal static class FreshnessScenario
{
    public const string Usage =
        "Usage: … -- freshness [--smoke] [--tenants N] [--events-per-day E] [--time-scale S] [--warmup-minutes W] [--measure-minutes M]\n" +
        "       [--drain-minutes D] [--seed X] [--postgres CS] [--append FILE]\n" +
        "  N tenants (1,000; smoke 10) with E events/day on average (skewed, log-normal sigma 1), 7-day history; minutes are emulated.";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["--help"])
        {
            Console.Error.WriteLine(Usage);
            return 0;
        }

        var arguments = ScenarioArguments.Parse("freshness", args);
        var tenants = arguments.Int("tenants", 1_000, 10);
        var eventsPerDay = arguments.Double("events-per-day", 300, 1000);
        var timeScale = arguments.Double("time-scale", 2, 8);
        var warmup = TimeSpan.FromMinutes(arguments.Double("warmup-minutes", 10, 1));
        var measure = TimeSpan.FromMinutes(arguments.Double("measure-minutes", 10, 2));
        var drain = TimeSpan.FromMinutes(arguments.Double("drain-minutes", 5, 1));
        var seed = arguments.Int("seed", 12, 12);
        arguments.RejectUnknown();

        var emulatorOptions = new EmulatorOptions
        {
            TenantCount = tenants,
            Seed = seed,
            TimeScale = timeScale,
            Activity = new ActivityOptions { MeanEventsPerDay = eventsPerDay, VolumeSkew = 1, FreeLicenceShare = 1 },
        };
        await using var world = await ProductSilo.StartAsync(arguments, emulatorOptions);
        var control = world.Emulator.Control;
        var started = world.Clock.GetUtcNow();
        await world.StartDirectoryAuditSyncAsync();
        Log(world, $"{tenants} tenants syncing; warm-up {warmup}, then {measure} measured, {drain} drain (emulated)");

        var windowStart = started + warmup;
        var windowEnd = windowStart + measure;
        await SleepUntilAsync(world, windowStart);
        var cpuBefore = ProcessCpu.Now();
        var backfillingAtStart = (await world.DirectoryAuditStatusesAsync()).Count(s => s.State != SyncRunState.Live);
        await SleepUntilAsync(world, windowEnd);
        var cpu = ProcessCpu.Now() - cpuBefore;
        await SleepUntilAsync(world, windowEnd + drain);
        var statuses = await world.DirectoryAuditStatusesAsync();
        var end = world.Clock.GetUtcNow();
        await world.StopDirectoryAuditSyncAsync();

        // Events that became visible inside the window, with when each became queryable.
        var ingested = await IngestedAtAsync(world.Database.ConnectionString, windowStart - TimeSpan.FromHours(3));
        var delays = new List<double>();
        var notQueryable = 0;
        var events = 0;
        foreach (var tenant in control.Tenants())
        {
            foreach (var e in control.AuditEventsHappenedBetween(tenant.Id, windowStart - TimeSpan.FromHours(3), windowEnd)
                         .Where(e => e.VisibleAt >= windowStart && e.VisibleAt < windowEnd))
            {
                events++;
                if (ingested.TryGetValue((tenant.Id.ToString(), e.Id), out var at))
                {
                    delays.Add(Math.Max(0, (at - e.VisibleAt).TotalSeconds));
                }
                else
                {
                    notQueryable++;
                }
            }
        }

        delays.Sort();
        double Percentile(double p) => delays.Count == 0 ? double.NaN : delays[Math.Min(delays.Count - 1, (int)Math.Ceiling(p * delays.Count) - 1)];
        var budgetPerSecond = Math.Min(122, 5.0 * tenants) / 10;
        var bound = tenants / budgetPerSecond;
        var requests = statuses.Sum(s => s.Counters.Requests);
        var throttled = statuses.Sum(s => s.Counters.Throttled);
        var p99 = Percentile(0.99);
        var invariant = BenchReport.Invariant;
        var report = new BenchReport($"Freshness, {tenants:N0} tenants", arguments)
            .Line($"Emulator: Graph's limits, time scale ×{timeScale}, {eventsPerDay:N0} events/day per tenant on average (log-normal skew, sigma 1), " +
                  "late arrival as Graph's (P95 2 min, P99 5 min). Product: one silo, PostgreSQL, default sync options (poll every minute). " +
                  $"Delay = the event's row `ingested_at` in the store (emulator clock) − the instant the emulator made it visible, for the {events:N0} events " +
                  $"that became visible in the {measure.TotalMinutes:F0} measured minutes after {warmup.TotalMinutes:F0} minutes of warm-up (emulated). " +
                  $"{backfillingAtStart:N0} tenants were still backfilling when the window opened (polls are served first).")
            .Line("")
            .Table(
                ["Events", "Queryable", "Not queryable after drain", "p50 (s)", "p95 (s)", "p99 (s)", "Budget lower bound N ÷ rate (s)", "p99 ÷ bound", "429s / requests (whole run)", "CPU s in window"],
                [[
                    $"{events:N0}", $"{delays.Count:N0}", $"{notQueryable:N0}", $"{Percentile(0.5):F1}", $"{Percentile(0.95):F1}", $"{p99:F1}",
                    $"{bound:F1}", $"{p99 / bound:F2}", $"{throttled:N0} / {requests:N0}", $"{cpu.TotalSeconds:F0}",
                ]])
            .Line(string.Format(invariant, "Goal: p99 ≤ 1.5 × the bound → {0}.", p99 <= 1.5 * bound && notQueryable == 0 ? "met" : "**missed**"));
        await report.PublishAsync();
        Log(world, $"done at {end:HH:mm:ss}");

        // Correctness, not timing: every event that became visible must have reached the store by the end of the drain.
        if (events == 0 || notQueryable > 0)
        {
            Console.Error.WriteLine($"FAILED: {events} events in the window, {notQueryable} not in the store after the drain");
            return 1;
        }

        return 0;
    }

    private static async Task<Dictionary<(string Tenant, string Id), DateTimeOffset>> IngestedAtAsync(string connectionString, DateTimeOffset since)
    {
        var result = new Dictionary<(string, string), DateTimeOffset>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT tenant_id, id, ingested_at FROM audit_events WHERE activity_date_time >= @since", connection);
        command.Parameters.AddWithValue("since", since);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[(reader.GetString(0), reader.GetString(1))] = reader.GetFieldValue<DateTimeOffset>(2);
        }

        return result;
    }

    private static async Task SleepUntilAsync(ProductSilo world, DateTimeOffset until)
    {
        while (world.Clock.GetUtcNow() < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private static void Log(ProductSilo world, string message) => Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} [{world.Clock.GetUtcNow():HH:mm:ss} emulated] {message}");
}
