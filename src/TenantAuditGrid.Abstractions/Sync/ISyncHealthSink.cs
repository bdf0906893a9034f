using Orleans.Concurrency;
using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Abstractions.Sync;

/// <summary>
/// Receives a sync grain's view of its source's health. The tenant grain implements it and passes itself in <see cref="SyncStart.HealthSink"/>:
/// a 403 or a refused token pauses the sync until the tenant grain starts it again (typically after a successful probe).
/// </summary>
public interface ISyncHealthSink : IGrainWithStringKey
{
    /// <summary>
    /// <paramref name="health"/> is what the sync saw: a non-readable state (PermissionMissing, ConsentRequired, CredentialInvalid…)
    /// when it paused, <see cref="TenantHealthState.Unreachable"/> after repeated transient failures, Healthy when a call succeeded again.
    /// Sent only on change, never per request.
    /// </summary>
    [OneWay]
    Task SourceHealthChangedAsync(string tenantId, SourceHealth health);
}
