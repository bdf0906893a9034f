namespace TenantAuditGrid.Store.Query;

/// <summary>
/// The keyset position of one event in the gateway's total order (activityDateTime, tenantId, id).
/// A page continues strictly after the key of its predecessor's last row, so rows inserted meanwhile never shift a page.
/// </summary>
public sealed record AuditPageKey(DateTimeOffset ActivityDateTime, string TenantId, string Id);
