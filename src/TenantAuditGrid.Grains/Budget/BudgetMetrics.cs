using System.Diagnostics.Metrics;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Grains.Sync;

namespace TenantAuditGrid.Grains.Budget;

/// <summary>The throttle budget's instruments, on the same <c>TenantAuditGrid</c> meter as the sync engine's.</summary>
public sealed class BudgetMetrics
{
    private readonly Counter<long> permitsLapsed;
    private readonly Gauge<int> appLimit;
    private readonly Counter<long> budgetUnreachable;

    public BudgetMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        permitsLapsed = meters.Create(SyncMetrics.MeterName).CreateCounter<long>(
            "tag.budget.permits_lapsed", "{permit}", "Permits left unspent because their holder resumed after the permit's lease had ended.");
        appLimit = meters.Create(SyncMetrics.MeterName).CreateGauge<int>(
            "tag.budget.app_limit", "{request}", "The requests per window an app's budget paces to, lowered by app-wide 429s and raised again by quiet windows.");
        budgetUnreachable = meters.Create(SyncMetrics.MeterName).CreateCounter<long>(
            "tag.budget.unreachable", "{call}", "Calls from a silo to an app's budget grain that failed; the silo's syncs for that app wait meanwhile.");
    }

    public void PermitLapsed(RequestPriority priority) =>
        permitsLapsed.Add(1, new KeyValuePair<string, object?>("priority", priority.ToString()));

    public void BudgetUnreachable(string appId) =>
        budgetUnreachable.Add(1, new KeyValuePair<string, object?>("app_id", appId));

    /// <summary>Records the limit an app's budget paces to now: once when its budget grain activates, then on every change.</summary>
    public void AppLimit(string appId, int requestsPerWindow) =>
        appLimit.Record(requestsPerWindow, new KeyValuePair<string, object?>("app_id", appId));
}
