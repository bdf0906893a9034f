namespace TenantAuditGrid.Abstractions.Sync;

/// <summary>Lifetime counters of one tenant × source sync (they survive reactivation).</summary>
[GenerateSerializer, Alias("tag.SyncCounters")]
public sealed record SyncCounters(
    [property: Id(0)] long Requests,
    [property: Id(1)] long Throttled,
    [property: Id(2)] long ServerErrors,
    [property: Id(3)] long EventsRead,
    [property: Id(4)] long EventsStored,
    [property: Id(5)] long SlicesCompleted,
    [property: Id(6)] long SliceRestarts);
