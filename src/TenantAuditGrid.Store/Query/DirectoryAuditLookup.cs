namespace TenantAuditGrid.Store.Query;

/// <summary>The answer to a lookup by id: the event, or none, or more than one (same id in several visible tenants).</summary>
public sealed record DirectoryAuditLookup(AuditEventRow? Row, bool Ambiguous);
