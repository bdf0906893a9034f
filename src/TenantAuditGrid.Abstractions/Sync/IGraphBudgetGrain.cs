namespace TenantAuditGrid.Abstractions.Sync;

/// <summary>
/// The cluster-wide share of Graph's app-wide report throttle (122 requests per 10 s per app across all tenants).
/// One activation per app (keyed by client id). Silos ask it for permits in batches, never once per request, so the grain sees
/// a handful of calls per second however many tenants are syncing.
/// </summary>
public interface IGraphBudgetGrain : IGrainWithStringKey
{
    /// <summary>
    /// Grants up to the demanded number of permits, at most the current segment's even share of the window, freshness before backfill,
    /// shared fairly between requesting silos.
    /// </summary>
    Task<BudgetGrant> RequestAsync(BudgetDemand demand);

    /// <summary>Graph answered an app-wide 429: grant nothing to anyone until Retry-After has passed, then pace a little slower for a while.</summary>
    Task PauseUntilAsync(DateTimeOffset until);
}
