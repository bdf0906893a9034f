namespace TenantAuditGrid.Store;

/// <summary>What <see cref="IAuditStore.DeleteTenantDataAsync"/> removed.</summary>
public sealed record AuditPurgeResult(long DirectoryAudits, long SecurityActions);
