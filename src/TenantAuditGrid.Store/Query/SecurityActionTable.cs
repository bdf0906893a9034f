namespace TenantAuditGrid.Store.Query;

/// <summary>Where the audit store keeps security actions (keyed by tenant and id) and their Graph JSON.</summary>
public static class SecurityActionTable
{
    public const string Name = "security_actions";
    public const string TenantId = "tenant_id";
    public const string Id = "id";
    public const string Payload = "payload";
    public const string CreatedDateTime = "created_date_time";

    /// <summary>Graph property path → column; other paths (vendorInformation/provider, …) are read from the payload.</summary>
    public static IReadOnlyDictionary<string, AuditColumn> ColumnsByPath { get; } = new Dictionary<string, AuditColumn>(StringComparer.Ordinal)
    {
        ["id"] = new(Id, Nullable: false),
        ["tenantId"] = new(TenantId, Nullable: false),
        ["name"] = new("name", Nullable: true),
        ["status"] = new("status", Nullable: true),
        ["actionReason"] = new("action_reason", Nullable: true),
        ["createdDateTime"] = new(CreatedDateTime, Nullable: true),
        ["lastActionDateTime"] = new("last_action_date_time", Nullable: true),
        ["completedDateTime"] = new("completed_date_time", Nullable: true),
    };
}
