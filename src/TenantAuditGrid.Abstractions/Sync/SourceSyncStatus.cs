using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Abstractions.Sync;

/// <summary>
/// One source's sync as an operator sees it. <see cref="Coverage"/> is the source's history from the longest Graph keeps (30 days)
/// up to the newest settled instant, each stretch in one <see cref="CoverageState"/>: complete, missing, beyond Graph's retention for
/// the tenant's <see cref="Licence"/>, or unverifiable while the licence is unknown. <see cref="CompleteFrom"/>..<see cref="CompleteTo"/>
/// is its newest complete stretch (events that may still arrive late are excluded: <see cref="CompleteTo"/> trails the last poll by the
/// settle window) and <see cref="Gaps"/> its missing stretches. <see cref="BackfillProgressPercent"/> is the share of what Graph can hold
/// (the retention window up to the newest settled instant) that has been read.
/// <see cref="LastSweepAt"/> is the last poll that read back the whole maximum settle window: every event visible then and at most that late is stored.
/// For securityActions, which are not time-sliced, coverage is empty and <see cref="PendingActions"/> counts unfinished actions still being re-polled.
/// </summary>
[GenerateSerializer, Alias("tag.SourceSyncStatus")]
public sealed record SourceSyncStatus(
    [property: Id(0)] string TenantId,
    [property: Id(1)] AuditSource Source,
    [property: Id(2)] SyncRunState State,
    [property: Id(3)] DateTimeOffset? CompleteFrom,
    [property: Id(4)] DateTimeOffset? CompleteTo,
    [property: Id(5)] IReadOnlyList<TimeRange> Gaps,
    [property: Id(17)] IReadOnlyList<CoverageRange> Coverage,
    [property: Id(7)] TimeSpan? Lag,
    [property: Id(8)] DateTimeOffset? LastPollAt,
    [property: Id(9)] DateTimeOffset? LastSuccessAt,
    [property: Id(10)] SyncError? LastError,
    [property: Id(11)] double BackfillProgressPercent,
    [property: Id(12)] TimeSpan SettleWindow,
    [property: Id(13)] SyncCounters Counters,
    [property: Id(14)] SourceHealth? PausedBy,
    [property: Id(15)] int PendingActions,
    [property: Id(16)] DateTimeOffset? LastSweepAt,
    [property: Id(18)] TenantLicence Licence,
    [property: Id(19)] int RetentionDays);
