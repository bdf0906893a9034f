namespace TenantAuditGrid.GraphEmulator;

/// <summary>Ground truth: the ids (newest first) and count of a tenant's directoryAudit events visible at an instant.</summary>
public sealed record AuditTruth(Guid TenantId, DateTimeOffset At, int Count, IReadOnlyList<string> Ids);

/// <summary>One event's identity and timing, for tests that reason about late arrival.</summary>
public sealed record AuditEventTruth(
    string Id, DateTimeOffset ActivityDateTime, DateTimeOffset VisibleAt, string ActivityDisplayName, string Category, string LoggedByService);

/// <summary>Ground truth for one security action: its current status and the history of states reached so far.</summary>
public sealed record SecurityActionTruth(
    string Id, string Name, string Status, string AppId, DateTimeOffset CreatedDateTime, IReadOnlyList<SecurityActionStateEntry> States);

/// <summary>A security action for <see cref="EmulatorControl.SubmitSecurityAction"/>: created <see cref="Age"/> before now.</summary>
public sealed record SecurityActionSpec
{
    public string Name { get; init; } = "BlockIp";

    public string? ActionReason { get; init; }

    public string Ip { get; init; } = "192.0.2.1";

    public TimeSpan Age { get; init; }
}
