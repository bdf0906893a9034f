using TenantAuditGrid.Abstractions.Sync;

namespace TenantAuditGrid.Grains.Tests;

public sealed class BudgetGrainTests(BudgetClusterFixture fixture) : IClassFixture<BudgetClusterFixture>
{
    [Fact]
    public async Task Grants_never_exceed_the_app_limit_in_any_window_and_use_over_90_percent_of_it()
    {
        var budget = fixture.Cluster.Client.GetGrain<IGraphBudgetGrain>("app-" + Guid.NewGuid());
        var limits = fixture.Limits;
        var start = fixture.Clock.GetUtcNow();
        var grants = new List<(DateTimeOffset At, int Permits)>();
        var duration = TimeSpan.FromSeconds(60);

        while (fixture.Clock.GetUtcNow() - start < duration)
        {
            foreach (var silo in new[] { "silo-a", "silo-b", "silo-c" })
            {
                var grant = await budget.RequestAsync(new BudgetDemand(silo, 10, 40));
                if (grant.Permits > 0)
                {
                    grants.Add((fixture.Clock.GetUtcNow(), grant.Permits));
                }
            }

            fixture.Clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        // A permit is spent at the latest LeaseLifetime after its grant, so any real window of Graph's length sees only grants from
        // a window of Window + LeaseLifetime.
        var span = limits.Window + limits.LeaseLifetime;
        var busiest = grants.Max(g => grants.Where(o => o.At >= g.At && o.At < g.At + span).Sum(o => o.Permits));
        Assert.True(busiest <= limits.AppRequestsPerWindow, $"{busiest} permits granted within {span}");

        var ceiling = limits.AppRequestsPerWindow * (duration / limits.Window);
        var total = grants.Sum(g => g.Permits);
        Assert.True(total >= 0.9 * ceiling, $"granted {total} of a {ceiling} ceiling");
    }

    [Fact]
    public async Task Freshness_another_silo_still_waits_for_is_served_before_backfill()
    {
        var budget = fixture.Cluster.Client.GetGrain<IGraphBudgetGrain>("app-" + Guid.NewGuid());
        var limit = fixture.Limits.AppRequestsPerWindow;

        var firstPolls = await budget.RequestAsync(new BudgetDemand("polling-silo", limit + 78, 0));
        fixture.Clock.Advance(fixture.Limits.AccountingWindow);
        var backfill = await budget.RequestAsync(new BudgetDemand("backfill-silo", 0, limit));
        var remainingPolls = await budget.RequestAsync(new BudgetDemand("polling-silo", 78, 0));

        Assert.Equal(limit, firstPolls.Permits);
        Assert.Equal(limit - 78, backfill.Permits);
        Assert.Equal(78, remainingPolls.Permits);
    }

    [Fact]
    public async Task A_pause_after_a_429_grants_nothing_until_retry_after_has_passed()
    {
        var budget = fixture.Cluster.Client.GetGrain<IGraphBudgetGrain>("app-" + Guid.NewGuid());
        var until = fixture.Clock.GetUtcNow() + TimeSpan.FromSeconds(5);

        await budget.PauseUntilAsync(until);
        var paused = await budget.RequestAsync(new BudgetDemand("silo", 3, 0));
        fixture.Clock.Advance(TimeSpan.FromSeconds(5));
        var resumed = await budget.RequestAsync(new BudgetDemand("silo", 3, 0));

        Assert.Equal(0, paused.Permits);
        Assert.Equal(until, paused.RetryAt);
        Assert.Equal(3, resumed.Permits);
    }
}
