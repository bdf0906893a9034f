namespace TenantAuditGrid.Abstractions.Sync;

/// <summary>
/// Permits a silo may spend until <paramref name="UseBy"/>; unspent ones lapse. When nothing was granted, <paramref name="RetryAt"/>
/// says when asking again can succeed, so silos wait instead of polling the grain.
/// </summary>
[GenerateSerializer, Alias("TenantAuditGrid.BudgetGrant")]
public sealed record BudgetGrant(
    [property: Id(0)] int Permits,
    [property: Id(1)] DateTimeOffset UseBy,
    [property: Id(2)] DateTimeOffset RetryAt);
