using System.Diagnostics.Metrics;
using TenantAuditGrid.Abstractions.Sync;

namespace TenantAuditGrid.Grains.Tests.Budget;

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
    public async Task A_free_window_is_granted_at_an_even_pace_not_in_one_burst()
    {
        var budget = fixture.Cluster.Client.GetGrain<IGraphBudgetGrain>("app-" + Guid.NewGuid());
        var limits = fixture.Limits;
        var demand = new BudgetDemand("silo", 0, 10 * limits.AppRequestsPerWindow);
        var perSegment = new List<int>();
        var retries = new List<TimeSpan>();

        for (var segment = 0; segment < limits.SegmentsPerWindow * 2; segment++)
        {
            // Asked twice in each segment: the second ask finds the segment's allowance spent and is told to come back in the next one.
            var first = await budget.RequestAsync(demand);
            var second = await budget.RequestAsync(demand);
            perSegment.Add(first.Permits + second.Permits);
            retries.Add(second.RetryAt - fixture.Clock.GetUtcNow());
            fixture.Clock.Advance(limits.Segment);
        }

        var floor = limits.AppRequestsPerWindow / limits.SegmentsPerWindow;
        Assert.All(perSegment, n => Assert.InRange(n, floor, floor + 1));
        Assert.Equal(limits.AppRequestsPerWindow, perSegment.Take(limits.SegmentsPerWindow).Sum());
        Assert.Equal(limits.AppRequestsPerWindow, perSegment.Skip(limits.SegmentsPerWindow).Sum());
        Assert.All(retries, r => Assert.Equal(limits.Segment, r));
    }

    [Fact]
    public async Task Freshness_another_silo_still_waits_for_is_served_before_backfill()
    {
        var budget = fixture.Cluster.Client.GetGrain<IGraphBudgetGrain>("app-" + Guid.NewGuid());
        var polls = 20;
        var rounds = new List<(int Outstanding, int Backfill, int Polls)>();

        // Each segment the backfill silo asks first, yet gets only what the polling silo, known to wait for freshness, does not need.
        var firstPolls = await budget.RequestAsync(new BudgetDemand("polling-silo", polls, 0));
        var pollsGranted = firstPolls.Permits;
        while (pollsGranted < polls)
        {
            fixture.Clock.Advance(fixture.Limits.Segment);
            var outstanding = polls - pollsGranted;
            var backfill = await budget.RequestAsync(new BudgetDemand("backfill-silo", 0, 100));
            var served = await budget.RequestAsync(new BudgetDemand("polling-silo", outstanding, 0));
            pollsGranted += served.Permits;
            rounds.Add((outstanding, backfill.Permits, served.Permits));
        }

        fixture.Clock.Advance(fixture.Limits.Segment);
        var backfillAfterPolls = await budget.RequestAsync(new BudgetDemand("backfill-silo", 0, 100));

        Assert.True(firstPolls.Permits > 0);
        Assert.Equal(polls, pollsGranted);
        Assert.Contains(rounds, r => r.Backfill == 0 && r.Polls > 0);
        Assert.All(rounds, r => Assert.True(r.Backfill == 0 || r.Polls == r.Outstanding, $"backfill took {r.Backfill} while {r.Outstanding} polls waited and {r.Polls} were served"));
        Assert.True(backfillAfterPolls.Permits > 0, "backfill got nothing once the polls were served");
    }

    [Fact]
    public async Task A_pause_after_a_429_grants_nothing_until_retry_after_has_passed()
    {
        var budget = fixture.Cluster.Client.GetGrain<IGraphBudgetGrain>("app-" + Guid.NewGuid());
        var until = fixture.Clock.GetUtcNow() + TimeSpan.FromSeconds(5);

        await budget.PauseUntilAsync(until);
        var paused = await budget.RequestAsync(new BudgetDemand("silo", 2, 0));
        fixture.Clock.Advance(TimeSpan.FromSeconds(5));
        var resumed = await budget.RequestAsync(new BudgetDemand("silo", 2, 0));

        // Two permits: what the pace allows in any segment (122 over 42 segments is 2 or 3 a segment).
        Assert.Equal(0, paused.Permits);
        Assert.Equal(until, paused.RetryAt);
        Assert.Equal(2, resumed.Permits);
    }

    [Fact]
    public async Task After_an_app_wide_429_the_pace_drops_to_nine_tenths_and_climbs_back_while_no_429_follows()
    {
        var appId = "app-" + Guid.NewGuid();
        var budget = fixture.Cluster.Client.GetGrain<IGraphBudgetGrain>(appId);
        var demand = new BudgetDemand("silo", 0, 10 * fixture.Limits.AppRequestsPerWindow);
        using var gauge = new AppLimitGauge(appId);

        var before = await GrantedOverOneWindowAsync(budget, demand);
        await budget.PauseUntilAsync(fixture.Clock.GetUtcNow()); // a 429 whose Retry-After has already passed
        var afterThe429 = await GrantedOverOneWindowAsync(budget, demand);
        var oneQuietWindowLater = await GrantedOverOneWindowAsync(budget, demand);

        Assert.Equal(122, before);
        Assert.Equal(109, afterThe429);
        Assert.Equal(111, oneQuietWindowLater);
        Assert.Equal([122, 109, 111], gauge.Values);
    }

    // Asks for everything once per segment over one accounting window, as a busy silo does.
    private async Task<int> GrantedOverOneWindowAsync(IGraphBudgetGrain budget, BudgetDemand demand)
    {
        var granted = 0;
        for (var segment = 0; segment < fixture.Limits.SegmentsPerWindow; segment++)
        {
            granted += (await budget.RequestAsync(demand)).Permits;
            fixture.Clock.Advance(fixture.Limits.Segment);
        }

        return granted;
    }
}

/// <summary>The values of <c>tag.budget.app_limit</c> recorded for one app, as an OpenTelemetry exporter would see them.</summary>
internal sealed class AppLimitGauge : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly List<int> values = [];

    public AppLimitGauge(string appId)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "tag.budget.app_limit")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "app_id" && Equals(tag.Value, appId))
                {
                    lock (values)
                    {
                        values.Add(value);
                    }
                }
            }
        });
        listener.Start();
    }

    public IReadOnlyList<int> Values
    {
        get
        {
            lock (values)
            {
                return [.. values];
            }
        }
    }

    public void Dispose() => listener.Dispose();
}
