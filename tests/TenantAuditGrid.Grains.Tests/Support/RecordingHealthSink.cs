using System.Collections.Concurrent;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Grains.Tests.Support;

/// <summary>Stands where the tenant grain will: receives the sync grains' health reports, so tests can see what was sent.</summary>
public sealed class RecordingHealthSink : Grain, ISyncHealthSink
{
    public static ConcurrentQueue<(string TenantId, SourceHealth Health)> Reports { get; } = new();

    public Task SourceHealthChangedAsync(string tenantId, SourceHealth health)
    {
        Reports.Enqueue((tenantId, health));
        return Task.CompletedTask;
    }
}
