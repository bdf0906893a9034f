namespace TenantAuditGrid.Store.Query;

/// <summary>One page of a <see cref="CollectionQuery"/>.</summary>
/// <param name="Rows">At most the query's $top rows, in the query's order.</param>
/// <param name="Next">Where the next page starts, or null when this is the last page.</param>
/// <param name="TotalCount">Every visible row (ignoring paging), when $count=true asked for it.</param>
public sealed record CollectionPage(IReadOnlyList<AuditRow> Rows, AuditPageKey? Next, long? TotalCount);
