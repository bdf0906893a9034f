namespace TenantAuditGrid.GraphEmulator;

/// <summary>Ground truth: the ids (newest first) and count of a tenant's directoryAudit events visible at an instant.</summary>
public sealed record AuditTruth(Guid TenantId, DateTimeOffset At, int Count, IReadOnlyList<string> Ids);

/// <summary>One event's identity and timing, for tests that reason about late arrival.</summary>
public sealed record AuditEventTruth(
    string Id, DateTimeOffset ActivityDateTime, DateTimeOffset VisibleAt, string ActivityDisplayName, string Category, string LoggedByService);
