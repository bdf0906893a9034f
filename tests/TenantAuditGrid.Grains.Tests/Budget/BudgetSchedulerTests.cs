using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Grains.Budget;
using TenantAuditGrid.Grains.Sync;

namespace TenantAuditGrid.Grains.Tests.Budget;

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
    public async Task An_unreachable_budget_grain_holds_the_waiters_is_logged_once_and_counted_per_call_until_it_answers_again()
    {
        using var meters = new SchedulerMeters();
        using var failedCalls = meters.Collect("tag.budget.unreachable");
        var logs = new FakeLogger<GraphBudgetScheduler>();
        var scheduler = fixture.NewScheduler(metrics: meters.Metrics, logger: logs);
        var app = NewApp();
        fixture.UnreachableApps.TryAdd(app, true);

        var wait = scheduler.WaitForPermitAsync(app, "tenant-1", RequestPriority.Freshness, fixture.Clock.GetUtcNow(), default);
        await RunClockUntil(() => failedCalls.GetMeasurementSnapshot().EvaluateAsCounter() >= 3, TimeSpan.FromSeconds(30));

        Assert.False(wait.IsCompleted);
        Assert.True(failedCalls.GetMeasurementSnapshot().EvaluateAsCounter() >= 3);
        Assert.All(failedCalls.GetMeasurementSnapshot(), m => Assert.Equal(app, m.Tags["app_id"]));
        var warning = Assert.Single(logs.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains($"The throttle budget of app {app} cannot be reached", warning.Message, StringComparison.Ordinal);
        Assert.IsType<SiloUnavailableException>(warning.Exception, exactMatch: false);

        fixture.UnreachableApps.TryRemove(app, out _);
        await RunClockUntil(() => wait.IsCompleted, TimeSpan.FromSeconds(30));

        await wait.WaitAsync(TimeSpan.FromSeconds(30));
        var recovery = logs.LatestRecord;
        Assert.Equal(2, logs.Collector.Count);
        Assert.Equal(LogLevel.Information, recovery.Level);
        Assert.StartsWith($"The throttle budget of app {app} is reachable again after ", recovery.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_that_resumes_after_its_permits_lease_waits_for_another_instead_of_sending_late()
    {
        using var meters = new SchedulerMeters();
        using var lapses = meters.Collect("tag.budget.permits_lapsed");
        var scheduler = fixture.NewScheduler(metrics: meters.Metrics);
        var app = NewApp();
        // The caller runs on a task scheduler the test holds back, as a grain's turn waits behind others on a saturated silo.
        var callerTurns = new HeldBackTaskScheduler();
        var wait = Task.Factory.StartNew(
            () => scheduler.WaitForPermitAsync(app, "tenant-1", RequestPriority.Freshness, fixture.Clock.GetUtcNow(), default),
            CancellationToken.None, TaskCreationOptions.None, callerTurns).Unwrap();
        callerTurns.RunQueued();

        // The permit is released with the clock standing still; the caller's turn to resume comes after the lease has ended.
        await WaitInRealTimeUntil(() => callerTurns.QueuedCount > 0, TimeSpan.FromSeconds(30));
        fixture.Clock.Advance(fixture.Limits.LeaseLifetime + TimeSpan.FromMilliseconds(1));
        callerTurns.RunQueued();
        Assert.Equal(1, lapses.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.False(wait.IsCompleted);

        // The next permit, resumed in time, lets it through.
        fixture.Clock.Advance(fixture.Limits.Segment);
        _ = Nudge(scheduler, app);
        await WaitInRealTimeUntil(() => callerTurns.QueuedCount > 0, TimeSpan.FromSeconds(30));
        callerTurns.RunQueued();
        await wait.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, lapses.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task Freshness_waiters_are_released_before_backfill_when_the_budget_is_scarce()
    {
        var scheduler = fixture.NewScheduler();
        var app = NewApp();
        await SpendFirstSegmentAsync(app);
        var now = fixture.Clock.GetUtcNow();

        var backfill = Enumerable.Range(0, 200).Select(i => scheduler.WaitForPermitAsync(app, $"history-{i}", RequestPriority.Backfill, now, default)).ToList();
        var freshness = Enumerable.Range(0, 40).Select(i => scheduler.WaitForPermitAsync(app, $"fresh-{i}", RequestPriority.Freshness, now, default)).ToList();
        var backfillWhileFreshnessWaited = new List<int>();

        // Segment by segment, the clock standing still in each until its permits are out: nothing can lapse or refill while a loaded
        // machine delays the pump, so the order of release is exact. Each step also queues one more backfill waiter (see Nudge).
        var segments = 0;
        while (!freshness.All(f => f.IsCompleted) && segments++ < fixture.Limits.SegmentsPerWindow)
        {
            var released = Released(backfill) + Released(freshness);
            fixture.Clock.Advance(fixture.Limits.Segment);
            backfill.Add(Nudge(scheduler, app));
            await WaitInRealTimeUntil(() => Released(backfill) + Released(freshness) > released, TimeSpan.FromSeconds(30));
            if (!freshness.All(f => f.IsCompleted))
            {
                backfillWhileFreshnessWaited.Add(Released(backfill));
            }
        }

        fixture.Clock.Advance(fixture.Limits.Segment * 2);
        await WaitInRealTimeUntil(() => Released(backfill) > 0, TimeSpan.FromSeconds(30));

        Assert.All(freshness, f => Assert.True(f.IsCompletedSuccessfully));
        Assert.All(backfillWhileFreshnessWaited, n => Assert.Equal(0, n));
        Assert.True(Released(backfill) > 0, "backfill got nothing once freshness was served");
    }

    [Fact]
    public async Task A_full_queue_is_released_at_the_budget_pace_not_in_one_burst()
    {
        var scheduler = fixture.NewScheduler();
        var app = NewApp();
        var limits = fixture.Limits;
        await SpendFirstSegmentAsync(app);
        var now = fixture.Clock.GetUtcNow();
        var waits = Enumerable.Range(0, 2 * limits.AppRequestsPerWindow)
            .Select(i => scheduler.WaitForPermitAsync(app, $"tenant-{i}", RequestPriority.Backfill, now, default))
            .ToList();
        var cumulative = new List<int>();

        // Segment n of the app's budget may release floor((n + 1) L / S) permits in all; the first segment went to another silo above.
        for (var segment = 1; segment < limits.SegmentsPerWindow; segment++)
        {
            fixture.Clock.Advance(limits.Segment);
            waits.Add(Nudge(scheduler, app));
            var expected = PaceUpTo(segment + 1) - PaceUpTo(1);
            await WaitInRealTimeUntil(() => Released(waits) >= expected, TimeSpan.FromSeconds(30));
            await Task.Delay(20);
            cumulative.Add(Released(waits));
        }

        Assert.Equal(
            Enumerable.Range(2, limits.SegmentsPerWindow - 1).Select(n => PaceUpTo(n) - PaceUpTo(1)),
            cumulative);
        Assert.Equal(limits.AppRequestsPerWindow - PaceUpTo(1), cumulative[^1]);
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

    [Fact]
    public async Task When_the_silo_stops_every_waiter_is_cancelled_and_new_waits_are_refused()
    {
        using var silo = new SiloStopping();
        var lifecycle = new SiloLifecycleSubject(NullLogger<SiloLifecycleSubject>.Instance);
        silo.Participate(lifecycle);
        await lifecycle.OnStart();
        var scheduler = fixture.NewScheduler(silo);
        var app = NewApp();
        await SpendFirstSegmentAsync(app);
        var now = fixture.Clock.GetUtcNow();
        var waits = Enumerable.Range(0, 10)
            .Select(i => scheduler.WaitForPermitAsync(app, $"tenant-{i}", RequestPriority.Backfill, now, default))
            .ToList();
        Assert.All(waits, w => Assert.False(w.IsCompleted)); // the clock stands still, so the app's budget has nothing until we stop

        await lifecycle.OnStop();

        // The stop cancels the waits at once; a waiting caller sees it when its continuation runs.
        await Task.WhenAll(waits.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(waits, w => Assert.True(w.IsCanceled));
        Assert.True(scheduler.WaitForPermitAsync(app, "tenant-late", RequestPriority.Freshness, now, default).IsCanceled);
        Assert.True(scheduler.WaitForPermitAsync(NewApp(), "tenant-other-app", RequestPriority.Freshness, now, default).IsCanceled);
    }

    private static string NewApp() => "app-" + Guid.NewGuid();

    /// <summary>Another silo takes the app's whole first segment, so waiters queued next find nothing until the clock moves.</summary>
    private async Task SpendFirstSegmentAsync(string app)
    {
        var budget = fixture.Cluster.Client.GetGrain<IGraphBudgetGrain>(app);
        var grant = await budget.RequestAsync(new BudgetDemand("another-silo", 0, PaceUpTo(1)));
        Assert.Equal(PaceUpTo(1), grant.Permits);
    }

    /// <summary>What the app's budget releases in its first <paramref name="segments"/> segments: floor(segments × L / S).</summary>
    private int PaceUpTo(int segments) => segments * fixture.Limits.AppRequestsPerWindow / fixture.Limits.SegmentsPerWindow;

    /// <summary>
    /// One more backfill waiter, from a tenant of its own. A new waiter wakes the pump, which then reads the clock afresh: the pump sleeps
    /// for a span it computed from the clock, and a test that jumps the clock between that reading and the timer's creation would
    /// otherwise see the pump sleep through a whole segment.
    /// </summary>
    private Task Nudge(GraphBudgetScheduler scheduler, string app) =>
        scheduler.WaitForPermitAsync(app, $"nudge-{Guid.NewGuid():N}", RequestPriority.Backfill, fixture.Clock.GetUtcNow(), default);

    private static int Released(IEnumerable<Task> waits) => waits.Count(w => w.IsCompleted);

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

/// <summary>Runs queued tasks only when the test says so: a stand-in for a grain's turn that waits behind other work.</summary>
internal sealed class HeldBackTaskScheduler : TaskScheduler
{
    private readonly ConcurrentQueue<Task> queued = new();

    public int QueuedCount => queued.Count;

    /// <summary>
    /// Runs what is queued, with no synchronization context, as Orleans runs a grain's turn: awaits inside then resume here, not on
    /// the test framework's context.
    /// </summary>
    public void RunQueued()
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            while (queued.TryDequeue(out var task))
            {
                TryExecuteTask(task);
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    protected override void QueueTask(Task task) => queued.Enqueue(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => queued;
}

/// <summary>
/// One scheduler's budget metrics on a meter factory of their own, read as an OpenTelemetry exporter would see them, so other tests'
/// schedulers are not counted.
/// </summary>
internal sealed class SchedulerMeters : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public SchedulerMeters() => Metrics = new BudgetMetrics(services.GetRequiredService<IMeterFactory>());

    public BudgetMetrics Metrics { get; }

    public MetricCollector<long> Collect(string instrumentName) =>
        new(services.GetRequiredService<IMeterFactory>(), SyncMetrics.MeterName, instrumentName);

    public void Dispose() => services.Dispose();
}
