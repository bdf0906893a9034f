namespace TenantAuditGrid.GraphEmulator;

/// <summary>The application permission (app role) names the emulator checks.</summary>
public static class GraphRoles
{
    public const string AuditLogReadAll = "AuditLog.Read.All";
    public const string DirectoryReadAll = "Directory.Read.All";
    public const string DirectoryReadWriteAll = "Directory.ReadWrite.All";
    public const string LicenseAssignmentReadAll = "LicenseAssignment.Read.All";
    public const string OrganizationReadAll = "Organization.Read.All";
    public const string OrganizationReadWriteAll = "Organization.ReadWrite.All";
    public const string SecurityActionsReadAll = "SecurityActions.Read.All";
    public const string SecurityActionsReadWriteAll = "SecurityActions.ReadWrite.All";
}
