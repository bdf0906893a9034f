namespace TenantAuditGrid.Abstractions.Sync;

/// <summary>What one silo is waiting for right now, split by priority.</summary>
[GenerateSerializer, Alias("TenantAuditGrid.BudgetDemand")]
public sealed record BudgetDemand(
    [property: Id(0)] string RequesterId,
    [property: Id(1)] int FreshnessRequests,
    [property: Id(2)] int BackfillRequests)
{
    public int Total => FreshnessRequests + BackfillRequests;
}
