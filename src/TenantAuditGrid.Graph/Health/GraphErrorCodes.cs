namespace TenantAuditGrid.Graph.Health;

/// <summary>Graph <c>error.code</c> values the classification knows (see GRAPH-FACTS "Errors").</summary>
public static class GraphErrorCodes
{
    public const string PermissionMissing = "Authentication_MSGraphPermissionMissing";
    public const string NoReadAuditLogDataAccess = "Authentication_ApplicationHasNoReadAuditLogDataAccess";
    public const string RequestDenied = "Authorization_RequestDenied";
    public const string NonPremiumTenant = "Authentication_RequestFromNonPremiumTenantOrB2CTenant";
    public const string InvalidAuthenticationToken = "InvalidAuthenticationToken";
}
