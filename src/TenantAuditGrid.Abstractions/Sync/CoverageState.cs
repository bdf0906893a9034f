namespace TenantAuditGrid.Abstractions.Sync;

/// <summary>What is known about a stretch of a source's history (docs/sync.md, "Coverage").</summary>
[GenerateSerializer, Alias("tag.CoverageState")]
public enum CoverageState
{
    /// <summary>The store holds every event Graph held for this stretch.</summary>
    Complete = 0,

    /// <summary>Graph holds this stretch and the store has not read it yet (the backfill's queue, or a sync that cannot run).</summary>
    Missing = 1,

    /// <summary>Older than the tenant's licence lets Graph keep: nothing here can be read or verified.</summary>
    BeyondRetention = 2,

    /// <summary>Read, but whether Graph held it at all is unknown (the licence is unknown, so its retention may be 7 days).</summary>
    Unverifiable = 3,
}
