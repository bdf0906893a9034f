namespace TenantAuditGrid.Abstractions.Sync;

/// <summary>Where a source sync is in its life. Persisted: append only.</summary>
[GenerateSerializer, Alias("tag.SyncRunState")]
public enum SyncRunState
{
    /// <summary>Never started, or stopped by the tenant grain.</summary>
    Stopped = 0,

    /// <summary>Reading history: incremental polls run too, ahead of the backfill.</summary>
    Backfilling = 1,

    /// <summary>History complete; polling for new events.</summary>
    Live = 2,

    /// <summary>Graph refused access (403, refused token); nothing is sent until the tenant grain starts the sync again.</summary>
    Paused = 3,
}
