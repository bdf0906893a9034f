using Microsoft.OData.UriParser;

namespace TenantAuditGrid.Store.Query;

/// <summary>A validated list query on one <see cref="AuditCollection"/>: what to match, how many, in which order, where the page starts.</summary>
/// <param name="Filter">The parsed <c>$filter</c>, or null for every row.</param>
/// <param name="RequestedTop">The <c>$top</c> the caller gave (1–999), or null.</param>
/// <param name="Direction">Order of the collection's sort property (ties broken by tenantId, then id, in the same direction).</param>
/// <param name="IncludeCount">Whether <c>$count=true</c> asked for the total.</param>
/// <param name="Select">Top-level properties to return, or null for all.</param>
/// <param name="After">Keyset position from <c>$skiptoken</c>: the page starts strictly after it.</param>
/// <param name="TenantId">The tenant of a per-tenant route, or null across tenants.</param>
/// <param name="Fingerprint">Identifies the query a <c>$skiptoken</c> belongs to.</param>
public sealed record CollectionQuery(
    AuditCollection Collection,
    FilterClause? Filter,
    int? RequestedTop,
    SortDirection Direction,
    bool IncludeCount,
    IReadOnlyList<string>? Select,
    AuditPageKey? After,
    string? TenantId,
    byte[] Fingerprint)
{
    /// <summary>Page size: the caller's <c>$top</c>, or <see cref="QueryOptions.DefaultTop"/>.</summary>
    public int Top => RequestedTop ?? QueryOptions.DefaultTop;

    public VisibleRows RowsVisibleTo(TenantScope scope) => new(Collection, scope, TenantId, Filter);
}
