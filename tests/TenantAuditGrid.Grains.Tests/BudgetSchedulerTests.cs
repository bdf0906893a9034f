using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Grains.Budget;

namespace TenantAuditGrid.Grains.Tests;

public sealed class BudgetSchedulerTests(BudgetClusterFixture fixture) : IClassFixture<BudgetClusterFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task One_tenant_never_gets_more_than_its_per_tenant_limit_in_any_window()
    {
        var scheduler = fixture.NewScheduler();
        var app = NewApp();
        var releasedAt = new List<DateTimeOffset>();
        var waits = Enumerable.Range(0, 12)
            .Select(_ => scheduler.WaitForPermitAsync(app, "tenant-1", RequestPriority.Backfill, fixture.Clock.GetUtcNow(), default)
                .ContinueWith(_ => { lock (releasedAt) { releasedAt.Add(fixture.Clock.GetUtcNow()); } }, TaskScheduler.Default))
            .ToList();

        await RunClockUntil(() => waits.All(w => w.IsCompleted), TimeSpan.FromSeconds(40));

        Assert.Equal(12, releasedAt.Count);
        var busiest = releasedAt.Max(t => releasedAt.Count(o => o >= t && o < t + fixture.Limits.Window));
        Assert.Equal(fixture.Limits.TenantRequestsPerWindow, busiest);
    }

    [Fact]
    public async Task Freshness_waiters_are_released_before_backfill_when_the_budget_is_scarce()
    {
        var scheduler = fixture.NewScheduler();
        var app = NewApp();
        var limit = fixture.Limits.AppRequestsPerWindow;
        await ExhaustAppBudgetAsync(app);
        var now = fixture.Clock.GetUtcNow();

        var backfill = Enumerable.Range(0, 200).Select(i => scheduler.WaitForPermitAsync(app, $"history-{i}", RequestPriority.Backfill, now, default)).ToList();
        var freshness = Enumerable.Range(0, 40).Select(i => scheduler.WaitForPermitAsync(app, $"fresh-{i}", RequestPriority.Freshness, now, default)).ToList();
        // One jump past the accounting window, then the clock stands still: the whole budget returns at once, and no lease can lapse or
        // window refill while a loaded machine delays the pump, so exactly one window's permits are released in all. A demand the pump
        // computed before the jump may bring them in two grants, so the test waits for the total, then checks that nothing more follows.
        fixture.Clock.Advance(fixture.Limits.AccountingWindow + fixture.Limits.Segment);
        await WaitInRealTimeUntil(
            () => freshness.All(f => f.IsCompleted) && backfill.Count(b => b.IsCompleted) >= limit - freshness.Count, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromMilliseconds(300));

        Assert.All(freshness, f => Assert.True(f.IsCompletedSuccessfully));
        Assert.Equal(limit - freshness.Count, backfill.Count(b => b.IsCompleted));
    }

    [Fact]
    public async Task Backfill_is_not_starved_by_endless_freshness_demand()
    {
        var scheduler = fixture.NewScheduler();
        var app = NewApp();
        var start = fixture.Clock.GetUtcNow();
        var backfill = scheduler.WaitForPermitAsync(app, "history-tenant", RequestPriority.Backfill, start, default);
        var polls = new List<Task>();
        var tenant = 0;

        await RunClockUntil(
            () =>
            {
                // Always more freshness waiting than the whole app budget, each from a tenant that still has headroom.
                polls.RemoveAll(p => p.IsCompleted);
                while (polls.Count < 2 * fixture.Limits.AppRequestsPerWindow)
                {
                    polls.Add(scheduler.WaitForPermitAsync(app, $"poller-{tenant++ % 5000}", RequestPriority.Freshness, fixture.Clock.GetUtcNow(), default));
                }

                return backfill.IsCompleted;
            },
            fixture.Limits.Window * 6);

        Assert.True(backfill.IsCompletedSuccessfully, "the backfill request never got a permit");
    }

    [Fact]
    public async Task A_429_for_a_tenant_at_its_own_limit_pauses_only_that_tenant()
    {
        var scheduler = fixture.NewScheduler();
        var app = NewApp();
        var now = fixture.Clock.GetUtcNow();
        for (var i = 0; i < fixture.Limits.TenantRequestsPerWindow; i++)
        {
            await WaitReleasedAsync(scheduler.WaitForPermitAsync(app, "busy", RequestPriority.Freshness, now, default));
        }

        await scheduler.ReportThrottledAsync(app, "busy", TimeSpan.FromSeconds(30));
        var busy = scheduler.WaitForPermitAsync(app, "busy", RequestPriority.Freshness, now, default);
        var other = scheduler.WaitForPermitAsync(app, "other", RequestPriority.Freshness, now, default);
        await RunClockUntil(() => other.IsCompleted, TimeSpan.FromSeconds(5));
        var otherReleased = other.IsCompleted;
        await RunClockUntil(() => false, TimeSpan.FromSeconds(20));
        var busyBeforeRetryAfter = busy.IsCompleted;
        await RunClockUntil(() => busy.IsCompleted, TimeSpan.FromSeconds(15));

        Assert.True(otherReleased, "another tenant should not wait for this tenant's Retry-After");
        Assert.False(busyBeforeRetryAfter, "the throttled tenant was released before Retry-After passed");
        Assert.True(busy.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_429_for_a_tenant_with_headroom_pauses_the_whole_app()
    {
        var scheduler = fixture.NewScheduler();
        var app = NewApp();
        var now = fixture.Clock.GetUtcNow();

        await scheduler.ReportThrottledAsync(app, "quiet", TimeSpan.FromSeconds(20));
        var other = scheduler.WaitForPermitAsync(app, "other", RequestPriority.Freshness, now, default);
        await RunClockUntil(() => false, TimeSpan.FromSeconds(15));
        var releasedEarly = other.IsCompleted;
        await RunClockUntil(() => other.IsCompleted, TimeSpan.FromSeconds(10));

        Assert.False(releasedEarly, "an app-wide 429 must hold every tenant until Retry-After");
        Assert.True(other.IsCompletedSuccessfully);
    }

    private static string NewApp() => "app-" + Guid.NewGuid();

    private async Task ExhaustAppBudgetAsync(string app)
    {
        var budget = fixture.Cluster.Client.GetGrain<IGraphBudgetGrain>(app);
        var grant = await budget.RequestAsync(new BudgetDemand("another-silo", fixture.Limits.AppRequestsPerWindow, 0));
        Assert.Equal(fixture.Limits.AppRequestsPerWindow, grant.Permits);
    }

    private static async Task WaitInRealTimeUntil(Func<bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    private async Task WaitReleasedAsync(Task wait) => await RunClockUntil(() => wait.IsCompleted, TimeSpan.FromSeconds(5));

    /// <summary>Advances the product clock in small steps, letting the scheduler's pump run between them, until done or the budget of clock time is spent.</summary>
    private async Task RunClockUntil(Func<bool> done, TimeSpan clockBudget)
    {
        var end = fixture.Clock.GetUtcNow() + clockBudget;
        while (!done() && fixture.Clock.GetUtcNow() < end)
        {
            fixture.Clock.Advance(Step);
            await Task.Delay(2);
        }
    }
}
