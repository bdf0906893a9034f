namespace TenantAuditGrid.Store.Query;

/// <summary>
/// Where the audit store keeps directoryAudit events, and which Graph property paths have a column of their own.
/// Paths without a column are read from the stored Graph payload (jsonb on PostgreSQL, JSON text on SQLite).
/// </summary>
public static class AuditEventTable
{
    public const string Name = "audit_events";
    public const string TenantId = "tenant_id";
    public const string Source = "source";
    public const string Id = "id";
    public const string ActivityDateTime = "activity_date_time";
    public const string Payload = "payload";

    /// <summary>Graph property path (slash-separated) → column, and whether the column can hold NULL.</summary>
    public static IReadOnlyDictionary<string, AuditColumn> ColumnsByPath { get; } = new Dictionary<string, AuditColumn>(StringComparer.Ordinal)
    {
        ["id"] = new(Id, Nullable: false),
        ["tenantId"] = new(TenantId, Nullable: false),
        ["activityDateTime"] = new(ActivityDateTime, Nullable: false),
        ["activityDisplayName"] = new("activity_display_name", Nullable: true),
        ["category"] = new("category", Nullable: true),
        ["correlationId"] = new("correlation_id", Nullable: true),
        ["loggedByService"] = new("logged_by_service", Nullable: true),
        ["operationType"] = new("operation_type", Nullable: true),
        ["result"] = new("result", Nullable: true),
        ["initiatedBy/user/id"] = new("initiated_by_user_id", Nullable: true),
        ["initiatedBy/user/userPrincipalName"] = new("initiated_by_user_upn", Nullable: true),
        ["initiatedBy/user/displayName"] = new("initiated_by_user_display_name", Nullable: true),
        ["initiatedBy/app/appId"] = new("initiated_by_app_id", Nullable: true),
        ["initiatedBy/app/displayName"] = new("initiated_by_app_display_name", Nullable: true),
    };
}

/// <summary>A column of <see cref="AuditEventTable"/>.</summary>
public sealed record AuditColumn(string Name, bool Nullable);
