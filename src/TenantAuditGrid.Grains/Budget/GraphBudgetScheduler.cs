using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TenantAuditGrid.Abstractions;
using TenantAuditGrid.Abstractions.Sync;

namespace TenantAuditGrid.Grains.Budget;

/// <summary>
/// The silo-local half of the throttle budget. Sync grains on this silo wait here for a permit before each report request; the scheduler
/// asks <see cref="IGraphBudgetGrain"/> for permits in batches sized to what is waiting, and hands them out freshness first, the most
/// lagging tenant first, while holding every tenant to Graph's per-tenant limit and every caller to its permit's lease. One grain call
/// serves many requests. Once the silo begins to stop, every wait ends in cancellation and the budget grain is not asked again.
/// </summary>
public sealed class GraphBudgetScheduler(
    IGrainFactory grains,
    IOptions<GraphBudgetOptions> options,
    [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider clock,
    SiloStopping silo,
    BudgetMetrics metrics,
    ILogger<GraphBudgetScheduler> logger)
{
    /// <summary>
    /// How many late-resumed permits in a row a caller leaves unspent before it is let through anyway: a silo so loaded that every
    /// permit lapses must still make progress, at the risk of a 429 (whose Retry-After the budget then obeys).
    /// </summary>
    public const int MaxLapsedPermits = 3;

    private readonly ConcurrentDictionary<string, AppBudgetQueue> apps = new(StringComparer.Ordinal);
    private readonly string requesterId = $"{Environment.MachineName}/{Guid.NewGuid():N}";

    /// <summary>
    /// Completes when a request for <paramref name="tenantId"/> may be sent now. <paramref name="completeUpTo"/> is how far this tenant's
    /// data is known complete; the further behind, the sooner it is served.
    /// </summary>
    /// <remarks>
    /// The budget's accounting assumes a permit is spent within its lease, so the lease is checked where the caller resumes: the await
    /// below continues on the caller's scheduler (a grain's turn, queued behind other grains on a saturated silo), and a caller that
    /// resumes after the lease leaves the permit unspent and waits for another. Sent late, the request would reach Graph in a later
    /// window than it was counted in. An unspent permit costs budget Graph never sees; a late one cost a 429 and a pause of every silo.
    /// </remarks>
    public async Task WaitForPermitAsync(string appId, string tenantId, RequestPriority priority, DateTimeOffset completeUpTo, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var queue = QueueFor(appId);
        for (var lapsed = 0; ; lapsed++)
        {
            // Not ConfigureAwait(false): the check must run where the caller resumes, or it would miss the delay it exists for.
            var spendBy = await queue.WaitAsync(tenantId, priority, completeUpTo, cancellationToken);
            if (clock.GetUtcNow() <= spendBy || lapsed == MaxLapsedPermits)
            {
                return;
            }

            metrics.PermitLapsed(priority);
        }
    }

    /// <summary>
    /// Graph answered 429. If this tenant still had headroom under the per-tenant limit, the app-wide limit was hit and every silo pauses;
    /// otherwise only this tenant does. Either way nothing is sent before Retry-After has passed.
    /// </summary>
    public Task ReportThrottledAsync(string appId, string tenantId, TimeSpan retryAfter)
    {
        var until = clock.GetUtcNow() + retryAfter;
        var appWide = QueueFor(appId).PauseTenant(tenantId, until);
        return appWide ? grains.GetGrain<IGraphBudgetGrain>(appId).PauseUntilAsync(until) : Task.CompletedTask;
    }

    private AppBudgetQueue QueueFor(string appId) => apps.GetOrAdd(appId, NewQueue);

    private AppBudgetQueue NewQueue(string appId)
    {
        var queue = new AppBudgetQueue(appId, grains.GetGrain<IGraphBudgetGrain>(appId), requesterId, options.Value, clock, silo.Token, metrics, logger);
        silo.Token.Register(queue.Stop); // one per app, for the silo's lifetime
        return queue;
    }
}
