using System.Text.Json.Serialization;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Grains.Sync;

/// <summary>
/// The durable state of one tenant × source sync (state name <c>source-sync</c>, row key = the grain key, which names the source).
/// Everything here moves only after the events it vouches for are in the audit store; a crash between the two causes a re-read, never a loss.
/// No skiptoken is ever stored: they expire within minutes, so a resumed slice starts again from its first page.
/// </summary>
[GenerateSerializer, Alias("tag.SourceSyncState")]
public sealed class SourceSyncState
{
    [Id(0)] public bool Running { get; set; }

    [Id(1)] public TenantCredential? Credential { get; set; }

    /// <summary>The licence the tenant grain started the sync with; Unknown means the retention is assumed, not known.</summary>
    [Id(25)] public TenantLicence Licence { get; set; }

    /// <summary>How many days back Graph keeps the tenant's events: follows <see cref="Licence"/>, so it is not stored.</summary>
    [JsonIgnore]
    public int RetentionDays => TenantCapabilities.RetentionFor(Licence);

    /// <summary>
    /// The health sink's grain id (<see cref="GrainId.ToString"/>), not the reference itself: the Host stores grain state as plain
    /// System.Text.Json, which cannot hold a grain reference.
    /// </summary>
    [Id(3)] public string? HealthSinkId { get; set; }

    /// <summary>Set when Graph refused access; nothing is sent until the tenant grain starts the sync again.</summary>
    [Id(4)] public SourceHealth? PausedBy { get; set; }

    /// <summary>
    /// The instant up to which events have been read: the upper bound of the last complete incremental poll. It is the query's instant,
    /// not the newest event's time, so a quiet tenant's poll window does not grow. The next poll reads from here minus the settle window.
    /// </summary>
    [Id(5)] public DateTimeOffset? HighWaterMark { get; set; }

    /// <summary>Ids of the events at exactly the newest activityDateTime stored, to recognise them when the boundary is read again.</summary>
    [Id(6)] public List<string> BoundaryIds { get; set; } = [];

    [Id(7)] public DateTimeOffset? NewestEventAt { get; set; }

    /// <summary>Ranges known complete (merged, oldest first).</summary>
    [Id(8)] public List<TimeRange> Coverage { get; set; } = [];

    /// <summary>History still to backfill (oldest first); the newest range is worked on first, from its top down.</summary>
    [Id(9)] public List<TimeRange> Pending { get; set; } = [];

    /// <summary>The total length of history ever queued for backfill, the denominator of backfill progress.</summary>
    [Id(10)] public TimeSpan BackfillQueued { get; set; }

    [Id(11)] public SliceShape? Slice { get; set; }

    /// <summary>Measured late-arrival delays (most recent last); the settle window follows them.</summary>
    [Id(12)] public List<TimeSpan> LateArrivals { get; set; } = [];

    [Id(13)] public DateTimeOffset? LastPollAt { get; set; }

    [Id(14)] public DateTimeOffset? LastSuccessAt { get; set; }

    [Id(15)] public SyncError? LastError { get; set; }

    [Id(16)] public int ConsecutiveFailures { get; set; }

    /// <summary>After failures, no step runs before this instant.</summary>
    [Id(17)] public DateTimeOffset NotBefore { get; set; }

    /// <summary>The health last reported to the sink, so only changes are sent.</summary>
    [Id(18)] public TenantHealthState ReportedState { get; set; } = TenantHealthState.Healthy;

    [Id(19)] public SyncCounters Counters { get; set; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>securityActions: when the whole list is next read.</summary>
    [Id(20)] public DateTimeOffset NextListAt { get; set; }

    /// <summary>securityActions: actions not finished yet, with when each is next re-read.</summary>
    [Id(21)] public Dictionary<string, DateTimeOffset> UnfinishedActions { get; set; } = new(StringComparer.Ordinal);

    [Id(22)] public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Everything before this instant is settled and read: the end of the newest coverage range the incremental polls extend.</summary>
    [Id(23)] public DateTimeOffset? SettledUpTo { get; set; }

    /// <summary>When the last sweep ran: a poll that reads back the whole maximum settle window, whatever the adaptive window says.</summary>
    [Id(24)] public DateTimeOffset? LastSweepAt { get; set; }
}
