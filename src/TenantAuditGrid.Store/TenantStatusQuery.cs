using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Store;

/// <summary>A page request over tenant status rows, ordered by tenant id (ordinal); continue with the previous page's cursor.</summary>
public sealed record TenantStatusQuery
{
    public const int MaxLimit = 1000;

    /// <summary>The tenants the caller may see; rows outside it are never returned.</summary>
    public required TenantScope Scope { get; init; }

    public string? HealthState { get; init; }

    public string? CustomerId { get; init; }

    public string? Tag { get; init; }

    /// <summary>Return tenants whose id sorts after this one (the previous page's <see cref="TenantStatusPage.NextAfterTenantId"/>).</summary>
    public string? AfterTenantId { get; init; }

    public int Limit { get; init; } = 100;
}
