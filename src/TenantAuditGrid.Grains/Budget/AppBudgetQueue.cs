using Microsoft.Extensions.Logging;
using TenantAuditGrid.Abstractions.Sync;

namespace TenantAuditGrid.Grains.Budget;

/// <summary>
/// Waiters for one app's budget on this silo, and the pump that fetches permits for them. All state is guarded by one lock; the pump is
/// the only thing that talks to the budget grain, and it runs only while someone is waiting and the silo is not stopping.
/// </summary>
internal sealed partial class AppBudgetQueue(
    string appId,
    IGraphBudgetGrain budget,
    string requesterId,
    GraphBudgetOptions limits,
    TimeProvider clock,
    CancellationToken siloStopping,
    BudgetMetrics metrics,
    ILogger logger)
{
    private readonly object gate = new();
    private readonly List<PermitWaiter> waiters = [];
    private readonly Dictionary<string, TenantThrottle> tenants = new(StringComparer.Ordinal);
    private int permits;
    private DateTimeOffset permitsUseBy;
    private DateTimeOffset nextAskAt = DateTimeOffset.MinValue;
    private bool pumping;
    private TaskCompletionSource wake = NewSignal();
    private DateTimeOffset? unreachableSince; // only the pump touches it, and one pump runs at a time

    // Backfill that has waited this long is treated as freshness, so history keeps moving even when polls alone could use the whole budget.
    private TimeSpan StarvationLimit => limits.Window * 3;

    /// <summary>Completes with the instant by which the permit must be spent (its lease's end), or is cancelled.</summary>
    public Task<DateTimeOffset> WaitAsync(string tenantId, RequestPriority priority, DateTimeOffset completeUpTo, CancellationToken cancellationToken)
    {
        var waiter = new PermitWaiter(tenantId, priority, completeUpTo, clock.GetUtcNow());
        lock (gate)
        {
            if (siloStopping.IsCancellationRequested)
            {
                // The silo is leaving: a permit could not be spent before its grains deactivate, and the budget grain may refuse calls.
                return Task.FromCanceled<DateTimeOffset>(siloStopping);
            }

            waiters.Add(waiter);
            Tenant(tenantId);
            wake.TrySetResult();
            if (!pumping)
            {
                pumping = true;
                _ = Task.Run(PumpAsync, CancellationToken.None);
            }
        }

        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() =>
            {
                lock (gate)
                {
                    waiters.Remove(waiter);
                }

                waiter.Completion.TrySetCanceled(cancellationToken);
            });
            waiter.Completion.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        }

        return waiter.Completion.Task;
    }

    /// <summary>
    /// The silo is stopping: every waiter is cancelled now, however long the pump's grain call in flight takes, so no sync step holds
    /// its grain's deactivation; the pump then ends without asking the budget grain again.
    /// </summary>
    public void Stop()
    {
        List<PermitWaiter> cancelled;
        lock (gate)
        {
            cancelled = [.. waiters];
            waiters.Clear();
            wake.TrySetResult();
        }

        foreach (var waiter in cancelled)
        {
            waiter.Completion.TrySetCanceled(siloStopping);
        }
    }

    /// <summary>Returns true when the tenant had headroom, meaning the 429 came from the app-wide limit.</summary>
    public bool PauseTenant(string tenantId, DateTimeOffset until)
    {
        lock (gate)
        {
            var tenant = Tenant(tenantId);
            var appWide = tenant.Window.Available > 0;
            if (until > tenant.PausedUntil)
            {
                tenant.PausedUntil = until;
            }

            return appWide;
        }
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            TimeSpan sleep;
            BudgetDemand? demand;
            Task wakeSignal;
            lock (gate)
            {
                if (waiters.Count == 0 || siloStopping.IsCancellationRequested)
                {
                    pumping = false;
                    return;
                }

                wake = NewSignal();
                wakeSignal = wake.Task;
                ReleaseWithLocalPermits();
                demand = EligibleDemand();
                var now = clock.GetUtcNow();
                if (demand is null)
                {
                    sleep = UntilNextTenantHeadroom();
                }
                else if (now < nextAskAt)
                {
                    // The grain has said when it can grant more; new waiters until then only join the next demand.
                    sleep = nextAskAt - now;
                    demand = null;
                }
                else
                {
                    sleep = TimeSpan.Zero;
                }
            }

            if (demand is not null)
            {
                var grant = await AskBudgetAsync(demand);
                lock (gate)
                {
                    permits = grant.Permits;
                    permitsUseBy = grant.UseBy;
                    nextAskAt = grant.Permits >= demand.Total ? DateTimeOffset.MinValue : grant.RetryAt;
                    ReleaseWithLocalPermits();
                }

                continue;
            }

            if (sleep > TimeSpan.Zero)
            {
                await Task.WhenAny(Task.Delay(sleep, clock, siloStopping), wakeSignal);
            }
        }
    }

    private async Task<BudgetGrant> AskBudgetAsync(BudgetDemand demand)
    {
        try
        {
            var grant = await budget.RequestAsync(demand);
            if (unreachableSince is { } since)
            {
                unreachableSince = null;
                LogBudgetReachableAgain(appId, clock.GetUtcNow() - since);
            }

            return grant;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The budget grain is unreachable (e.g. its silo just died and it is reactivating): wait one segment and ask again
            // rather than failing every sync on this silo. Said once per outage, so a long one is visible without a line per segment.
            metrics.BudgetUnreachable(appId);
            if (unreachableSince is null)
            {
                unreachableSince = clock.GetUtcNow();
                LogBudgetUnreachable(appId, limits.Segment, e);
            }

            var retryAt = clock.GetUtcNow() + limits.Segment;
            return new BudgetGrant(0, retryAt, retryAt);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The throttle budget of app {AppId} cannot be reached; this silo's syncs for the app wait, and it asks again every {RetryInterval}")]
    private partial void LogBudgetUnreachable(string appId, TimeSpan retryInterval, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The throttle budget of app {AppId} is reachable again after {Outage}")]
    private partial void LogBudgetReachableAgain(string appId, TimeSpan outage);

    private void ReleaseWithLocalPermits()
    {
        var now = clock.GetUtcNow();
        if (now > permitsUseBy)
        {
            permits = 0; // lapsed: the budget grain already counted them, spending them late could break Graph's window
        }

        while (permits > 0 && BestEligible(now) is { } waiter)
        {
            tenants[waiter.TenantId].Window.TryTake(1);
            waiters.Remove(waiter);
            permits--;
            waiter.Completion.TrySetResult(permitsUseBy);
        }
    }

    private PermitWaiter? BestEligible(DateTimeOffset now) =>
        waiters
            .Where(w => IsEligible(w, now))
            .OrderBy(w => EffectivePriority(w, now))
            .ThenBy(w => w.CompleteUpTo - (now - w.Since)) // most lagging first, aged by time spent waiting
            .FirstOrDefault();

    private BudgetDemand? EligibleDemand()
    {
        var now = clock.GetUtcNow();
        var eligible = waiters.Where(w => IsEligible(w, now)).ToList();
        if (eligible.Count == 0)
        {
            return null;
        }

        var freshness = eligible.Count(w => EffectivePriority(w, now) == RequestPriority.Freshness);
        return new BudgetDemand(requesterId, freshness, eligible.Count - freshness);
    }

    private bool IsEligible(PermitWaiter waiter, DateTimeOffset now)
    {
        var tenant = tenants[waiter.TenantId];
        return now >= tenant.PausedUntil && tenant.Window.Available > 0;
    }

    private RequestPriority EffectivePriority(PermitWaiter waiter, DateTimeOffset now) =>
        waiter.Priority == RequestPriority.Backfill && now - waiter.Since > StarvationLimit ? RequestPriority.Freshness : waiter.Priority;

    private TimeSpan UntilNextTenantHeadroom()
    {
        var now = clock.GetUtcNow();
        var next = waiters
            .Select(w => tenants[w.TenantId])
            .Select(t => t.PausedUntil > now ? t.PausedUntil : t.Window.NextReplenishment)
            .DefaultIfEmpty(now + limits.Segment)
            .Min();
        return next - now;
    }

    private TenantThrottle Tenant(string tenantId)
    {
        if (!tenants.TryGetValue(tenantId, out var tenant))
        {
            tenant = new TenantThrottle(new ClockedSlidingWindow(limits.TenantRequestsPerWindow, limits.Segment, limits.SegmentsPerWindow, clock));
            tenants[tenantId] = tenant;
        }

        return tenant;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record PermitWaiter(string TenantId, RequestPriority Priority, DateTimeOffset CompleteUpTo, DateTimeOffset Since)
    {
        public TaskCompletionSource<DateTimeOffset> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class TenantThrottle(ClockedSlidingWindow window)
    {
        public ClockedSlidingWindow Window { get; } = window;

        public DateTimeOffset PausedUntil { get; set; }
    }
}
