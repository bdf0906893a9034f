using Microsoft.OData.UriParser;

namespace TenantAuditGrid.Store.Query;

/// <summary>An aggregation: events matching <paramref name="Filter"/> counted per group and per time bucket.</summary>
/// <param name="GroupBy">Graph property names (see <see cref="AuditCountsQueryParser.GroupableProperties"/>), in output order.</param>
/// <param name="Interval">Bucket width, or null for no time buckets.</param>
public sealed record AuditCountsQuery(FilterClause? Filter, IReadOnlyList<string> GroupBy, TimeSpan? Interval, string? TenantId);
