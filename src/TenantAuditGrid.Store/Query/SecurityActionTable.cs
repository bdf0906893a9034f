namespace TenantAuditGrid.Store.Query;

/// <summary>Where the audit store keeps security actions (keyed by tenant and id) and their Graph JSON.</summary>
public static class SecurityActionTable
{
    public const string Name = "security_actions";
    public const string TenantId = "tenant_id";
    public const string Id = "id";
    public const string Payload = "payload";
}
