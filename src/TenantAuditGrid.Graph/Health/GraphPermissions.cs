using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Graph.Health;

/// <summary>The application permissions (token <c>roles</c>) each audit source needs.</summary>
public static class GraphPermissions
{
    public const string AuditLogReadAll = "AuditLog.Read.All";
    public const string DirectoryReadAll = "Directory.Read.All";
    public const string SecurityActionsReadAll = "SecurityActions.Read.All";
    public const string SecurityActionsReadWriteAll = "SecurityActions.ReadWrite.All";

    /// <summary>The permissions missing from <paramref name="roles"/> for reading <paramref name="source"/>; empty when it can be read.</summary>
    public static IReadOnlyList<string> MissingForRead(AuditSource source, IReadOnlyCollection<string> roles) => source switch
    {
        AuditSource.DirectoryAudits => new[] { AuditLogReadAll, DirectoryReadAll }
            .Where(p => !Has(roles, p)).ToArray(),
        AuditSource.SecurityActions => Has(roles, SecurityActionsReadAll) || Has(roles, SecurityActionsReadWriteAll)
            ? []
            : [SecurityActionsReadAll],
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    public static bool CanWriteSecurityActions(IReadOnlyCollection<string> roles) => Has(roles, SecurityActionsReadWriteAll);

    private static bool Has(IReadOnlyCollection<string> roles, string permission) =>
        roles.Contains(permission, StringComparer.OrdinalIgnoreCase);
}
