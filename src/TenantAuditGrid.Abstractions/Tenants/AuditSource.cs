namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>The Graph audit sources TenantAuditGrid reads. Persisted: append only.</summary>
[GenerateSerializer, Alias("tag.AuditSource")]
public enum AuditSource
{
    /// <summary>v1.0 <c>/auditLogs/directoryAudits</c>.</summary>
    DirectoryAudits = 0,

    /// <summary>beta <c>/security/securityActions</c>.</summary>
    SecurityActions = 1,
}
