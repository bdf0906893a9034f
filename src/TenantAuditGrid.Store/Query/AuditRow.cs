namespace TenantAuditGrid.Store.Query;

/// <summary>One stored row of a collection: its key, the value of its sort property, and the Graph JSON exactly as the store holds it.</summary>
/// <param name="SortTime">The collection's <see cref="AuditCollection.SortProperty"/>; null only where that property is nullable and missing.</param>
public sealed record AuditRow(string TenantId, string Id, DateTimeOffset? SortTime, string PayloadJson)
{
    public AuditPageKey Key => new(SortTime ?? AuditPageKey.NoSortTime, TenantId, Id);
}
