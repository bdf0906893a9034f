namespace TenantAuditGrid.Grains.Budget;

/// <summary>
/// Graph's identity-and-access reports throttle (GRAPH-FACTS): 122 requests per 10 s per app across tenants, 5 per 10 s per app per tenant.
/// Configuration section <c>TenantAuditGrid:GraphBudget</c>; lower the limits to keep headroom for other tools sharing the app.
/// </summary>
public sealed class GraphBudgetOptions
{
    public const string SectionName = "TenantAuditGrid:GraphBudget";

    public int AppRequestsPerWindow { get; set; } = 122;

    public int TenantRequestsPerWindow { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Granularity of the sliding window. Finer segments waste less budget at the window's edge.</summary>
    public TimeSpan Segment { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a granted permit stays spendable on the silo that received it.</summary>
    public TimeSpan LeaseLifetime { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The window the limiters account over. A permit counted in one segment may be spent up to one segment plus one lease lifetime
    /// later, so accounting over Window + Segment + LeaseLifetime guarantees no real 10 s window ever sees more than the limit, as long as
    /// requests reach Graph about as soon after their grant as one another (which the grain's even pace keeps true): with the defaults
    /// the scheduler can use 10 / 10.5 ≈ 95% of Graph's budget and never trips it.
    /// </summary>
    public TimeSpan AccountingWindow => Window + Segment + LeaseLifetime;

    public int SegmentsPerWindow => (int)Math.Ceiling(AccountingWindow / Segment);
}
