namespace TenantAuditGrid.Store.Query;

/// <summary>One group of an aggregation: the bucket start (when bucketed), the group's values in GroupBy order, and its count.</summary>
public sealed record AuditCountRow(DateTimeOffset? BucketStart, IReadOnlyList<string?> Values, long Count);
