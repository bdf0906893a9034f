namespace TenantAuditGrid.Store.Query;

/// <summary>One page of a directoryAudits query.</summary>
/// <param name="Rows">At most the query's $top rows, in the query's order.</param>
/// <param name="Next">Where the next page starts, or null when this is the last page.</param>
/// <param name="TotalCount">Every matching event (ignoring paging), when $count=true asked for it.</param>
public sealed record DirectoryAuditPage(IReadOnlyList<AuditEventRow> Rows, AuditPageKey? Next, long? TotalCount);
