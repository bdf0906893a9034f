using System.Diagnostics.Metrics;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Grains.Sync;

namespace TenantAuditGrid.Grains.Budget;

/// <summary>The throttle budget's instruments, on the same <c>TenantAuditGrid</c> meter as the sync engine's.</summary>
public sealed class BudgetMetrics
{
    private readonly Counter<long> permitsLapsed;

    public BudgetMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        permitsLapsed = meters.Create(SyncMetrics.MeterName).CreateCounter<long>(
            "tag.budget.permits_lapsed", "{permit}", "Permits left unspent because their holder resumed after the permit's lease had ended.");
    }

    public void PermitLapsed(RequestPriority priority) =>
        permitsLapsed.Add(1, new KeyValuePair<string, object?>("priority", priority.ToString()));
}
