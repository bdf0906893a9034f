namespace TenantAuditGrid.Abstractions.Sync;

/// <summary>The last failure a sync saw: a Graph or AADSTS code (never a server's message text or secret material) and when.</summary>
[GenerateSerializer, Alias("tag.SyncError")]
public sealed record SyncError(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Code,
    [property: Id(2)] string Kind,
    [property: Id(3)] int ConsecutiveFailures);
