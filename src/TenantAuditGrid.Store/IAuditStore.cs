namespace TenantAuditGrid.Store;

/// <summary>
/// The audit store: idempotent ingest of directoryAudit events and security actions for all tenants.
/// Writers may repeat themselves freely (at-least-once in); the store keeps exactly one copy of each event.
/// Input is validated as a whole before anything is written: a bad record throws <see cref="ArgumentException"/> and the
/// batch leaves the store unchanged.
/// </summary>
public interface IAuditStore
{
    /// <summary>Stores the events it does not have yet, keyed by (tenant, source, id); returns how many were new.</summary>
    Task<int> WriteDirectoryAuditsAsync(IReadOnlyList<DirectoryAuditRecord> records, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts new actions and replaces stored ones whose status or lastActionDateTime changed (never with an older
    /// lastActionDateTime); returns how many rows were inserted or replaced.
    /// </summary>
    Task<int> UpsertSecurityActionsAsync(IReadOnlyList<SecurityActionRecord> actions, CancellationToken cancellationToken = default);

    /// <summary>Removes every audit event and security action of the tenant (offboarding).</summary>
    Task<AuditPurgeResult> DeleteTenantDataAsync(string tenantId, CancellationToken cancellationToken = default);
}
