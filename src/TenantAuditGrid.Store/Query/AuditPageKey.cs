namespace TenantAuditGrid.Store.Query;

/// <summary>
/// The keyset position of one row in a collection's total order (its sort property's time, tenantId, id).
/// A page continues strictly after the key of its predecessor's last row, so rows inserted meanwhile never shift a page.
/// </summary>
/// <param name="SortTime">The row's sort property, or <see cref="NoSortTime"/> for a row without one.</param>
public sealed record AuditPageKey(DateTimeOffset SortTime, string TenantId, string Id)
{
    /// <summary>Stands for "no value" in a key, whose time is not nullable; no Graph object is dated at that instant.</summary>
    public static readonly DateTimeOffset NoSortTime = DateTimeOffset.MinValue;

    public bool IsUndated => SortTime == NoSortTime;
}
