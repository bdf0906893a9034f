namespace TenantAuditGrid.Abstractions.Sync;

/// <summary>
/// Permits a silo may spend until <paramref name="UseBy"/>; unspent ones lapse. When less than the demand was granted,
/// <paramref name="RetryAt"/> says when asking again can bring more (the next segment of the pace, or the end of a pause), so silos
/// wait instead of polling the grain.
/// </summary>
[GenerateSerializer, Alias("TenantAuditGrid.BudgetGrant")]
public sealed record BudgetGrant(
    [property: Id(0)] int Permits,
    [property: Id(1)] DateTimeOffset UseBy,
    [property: Id(2)] DateTimeOffset RetryAt);
