namespace TenantAuditGrid.Store.Query;

/// <summary>One stored directoryAudit: its key and the Graph JSON exactly as the store holds it.</summary>
public sealed record AuditEventRow(string TenantId, string Id, DateTimeOffset ActivityDateTime, string PayloadJson)
{
    public AuditPageKey Key => new(ActivityDateTime, TenantId, Id);
}
