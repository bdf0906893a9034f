using Microsoft.OData.UriParser;

namespace TenantAuditGrid.Store.Query;

/// <summary>An aggregation: directoryAudits matching <paramref name="Filter"/> counted per group and per time bucket.</summary>
/// <param name="GroupBy">Graph property names (see <see cref="AuditQueryParser.GroupableProperties"/>), in output order.</param>
/// <param name="Interval">Bucket width, or null for no time buckets.</param>
/// <param name="TenantId">The one tenant to count, or null for every tenant the caller may see.</param>
public sealed record AuditCountsQuery(FilterClause? Filter, IReadOnlyList<string> GroupBy, TimeSpan? Interval, string? TenantId)
{
    public VisibleRows RowsVisibleTo(TenantScope scope) => new(AuditCollection.DirectoryAudits, scope, TenantId, Filter);
}
