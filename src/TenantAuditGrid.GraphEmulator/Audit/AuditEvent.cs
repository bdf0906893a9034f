using System.Text.Json.Serialization;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// One directoryAudit event as the emulator stores it: the Graph shape plus the instant it becomes visible to queries.
/// Property names follow the CSDL; the filter evaluator reads them by those names.
/// </summary>
internal sealed record AuditEvent(
    string Id,
    DateTimeOffset ActivityDateTime,
    [property: JsonIgnore] DateTimeOffset VisibleAt,
    string ActivityDisplayName,
    string Category,
    string CorrelationId,
    string LoggedByService,
    string OperationType,
    string Result,
    string ResultReason,
    AuditKeyValue[] AdditionalDetails,
    AuditInitiator InitiatedBy,
    AuditTargetResource[] TargetResources);

internal sealed record AuditKeyValue(string Key, string Value);

internal sealed record AuditInitiator(AuditAppIdentity? App, AuditUserIdentity? User);

internal sealed record AuditAppIdentity(string? AppId, string? DisplayName, string? ServicePrincipalId, string? ServicePrincipalName);

internal sealed record AuditUserIdentity(
    string? Id, string? DisplayName, string? UserPrincipalName, string? IpAddress, string? UserType, string? HomeTenantId, string? HomeTenantName);

internal sealed record AuditTargetResource(
    string? Id, string? DisplayName, string? Type, string? UserPrincipalName, string? GroupType, AuditModifiedProperty[] ModifiedProperties);

internal sealed record AuditModifiedProperty(string? DisplayName, string? OldValue, string? NewValue);
