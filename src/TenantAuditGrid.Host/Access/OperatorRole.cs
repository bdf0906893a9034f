namespace TenantAuditGrid.Host.Access;

/// <summary>What an operator may do; each role includes the ones below it (docs/security.md has the table).</summary>
public enum OperatorRole
{
    /// <summary>Queries, reports, exports, tenant status and sync views.</summary>
    Reader = 1,

    /// <summary>Reader, plus probes, syncs, security-action campaigns and uploads.</summary>
    Operator = 2,

    /// <summary>Operator, plus onboarding, credentials, offboarding, re-encryption and API keys.</summary>
    Admin = 3,
}
