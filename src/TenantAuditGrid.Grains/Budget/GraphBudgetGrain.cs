using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TenantAuditGrid.Abstractions;
using TenantAuditGrid.Abstractions.Sync;

namespace TenantAuditGrid.Grains.Budget;

/// <summary>
/// Spends one app's report budget across the cluster, at an even pace (<see cref="SegmentPacer"/>) within its sliding window, and slower
/// for a while after Graph refuses requests app-wide (<see cref="AdaptiveAppLimit"/>). State is deliberately in memory: after a failover
/// the new activation starts with a full window, which can at worst overshoot Graph's limit once; the resulting 429s carry Retry-After,
/// which <see cref="PauseUntilAsync"/> obeys.
/// </summary>
public sealed class GraphBudgetGrain(
    IOptions<GraphBudgetOptions> options,
    [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider clock,
    BudgetMetrics metrics) : Grain, IGraphBudgetGrain
{
    private readonly GraphBudgetOptions limits = options.Value;
    private readonly Dictionary<string, RecentDemand> demands = [];
    private ClockedSlidingWindow? window;
    private SegmentPacer? pace;
    private AdaptiveAppLimit? appLimit;
    private DateTimeOffset pausedUntil;

    private ClockedSlidingWindow Window =>
        window ??= new ClockedSlidingWindow(limits.AppRequestsPerWindow, limits.Segment, limits.SegmentsPerWindow, clock);

    private AdaptiveAppLimit AppLimit => appLimit ??= StartAppLimit();

    // Rebuilt whenever the adaptive limit moves; what the old pace had banked is dropped with it, which is what a cut wants.
    private SegmentPacer Pace => pace ??= new SegmentPacer(AppLimit.Current, limits.Segment, limits.SegmentsPerWindow, clock);

    public Task<BudgetGrant> RequestAsync(BudgetDemand demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        var now = clock.GetUtcNow();
        Remember(demand, now);

        if (now < pausedUntil)
        {
            return Task.FromResult(new BudgetGrant(0, now, pausedUntil));
        }

        if (AppLimit.Recover())
        {
            PaceTo(AppLimit.Current);
        }

        // The window alone would hand a whole free window out at once; Graph would then see the burst arrive spread over however long
        // the silos take to send it, and its tail share a 10 s window with the next burst. The pace releases it evenly instead.
        var granted = FairShare(demand, Math.Min(Window.Available, Pace.Available));
        Window.TryTake(granted);
        Pace.TryTake(granted);
        Remember(Unsatisfied(demand, granted), now);

        // A silo that got less than it asked for has had its share of this segment and asks again in the next one.
        var retryAt = granted >= demand.Total ? now : NextChance();
        return Task.FromResult(new BudgetGrant(granted, now + limits.LeaseLifetime, retryAt));
    }

    public Task PauseUntilAsync(DateTimeOffset until)
    {
        if (until > pausedUntil)
        {
            pausedUntil = until;
        }

        if (AppLimit.Throttled())
        {
            PaceTo(AppLimit.Current);
        }

        return Task.CompletedTask;
    }

    private AdaptiveAppLimit StartAppLimit()
    {
        var started = new AdaptiveAppLimit(limits.AppRequestsPerWindow, limits.AccountingWindow, clock);
        metrics.AppLimit(this.GetPrimaryKeyString(), started.Current);
        return started;
    }

    private void PaceTo(int limit)
    {
        pace = new SegmentPacer(limit, limits.Segment, limits.SegmentsPerWindow, clock);
        metrics.AppLimit(this.GetPrimaryKeyString(), limit);
    }

    // The pace's next segment; if the window is full, no earlier than the window's next replenishment.
    private DateTimeOffset NextChance()
    {
        var next = Pace.NextSegment;
        return Window.Available <= 0 && Window.NextReplenishment > next ? Window.NextReplenishment : next;
    }

    /// <summary>
    /// Freshness demand from every silo is served before anyone's backfill; within a priority, permits are split in proportion to what each
    /// silo is waiting for, rounded up so that small requesters always make progress.
    /// </summary>
    private int FairShare(BudgetDemand demand, int available)
    {
        if (available <= 0 || demand.Total <= 0)
        {
            return 0;
        }

        var totalFreshness = demands.Values.Sum(d => d.Demand.FreshnessRequests);
        var totalBackfill = demands.Values.Sum(d => d.Demand.BackfillRequests);

        var freshness = Math.Min(demand.FreshnessRequests, ProportionalCeiling(available, demand.FreshnessRequests, totalFreshness));
        var othersFreshness = totalFreshness - demand.FreshnessRequests;
        var leftForBackfill = Math.Max(0, available - freshness - othersFreshness);
        var backfill = Math.Min(demand.BackfillRequests, ProportionalCeiling(leftForBackfill, demand.BackfillRequests, totalBackfill));
        return freshness + backfill;
    }

    // What a silo still waits for after this grant is what other silos' backfill must yield to; freshness is served first.
    private static BudgetDemand Unsatisfied(BudgetDemand demand, int granted)
    {
        var freshness = Math.Max(0, demand.FreshnessRequests - granted);
        var backfill = Math.Max(0, demand.BackfillRequests - Math.Max(0, granted - demand.FreshnessRequests));
        return demand with { FreshnessRequests = freshness, BackfillRequests = backfill };
    }

    private static int ProportionalCeiling(int available, int mine, int total) =>
        total <= 0 ? 0 : (int)Math.Ceiling(available * (double)mine / total);

    // A silo that stopped asking (drained, crashed, caught up) must not keep a share reserved. A waiting silo asks again at least
    // once per accounting window (at RetryAt), so two windows of silence means it is gone.
    private void Remember(BudgetDemand demand, DateTimeOffset now)
    {
        demands[demand.RequesterId] = new RecentDemand(demand, now);
        foreach (var stale in demands.Where(d => now - d.Value.At > limits.AccountingWindow * 2).Select(d => d.Key).ToList())
        {
            demands.Remove(stale);
        }
    }

    private sealed record RecentDemand(BudgetDemand Demand, DateTimeOffset At);
}
