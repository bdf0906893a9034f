using System.Text.Json;

namespace TenantAuditGrid.Store;

/// <summary>
/// One directoryAudit event as the store keeps it: the Graph payload verbatim plus the fields queries filter on.
/// Identity is (TenantId, Source, Id); Graph ids are unique per tenant only. Build it from Graph JSON with
/// <see cref="Mapping.DirectoryAuditMapper.FromGraph"/> so the columns always agree with the payload.
/// </summary>
public sealed record DirectoryAuditRecord
{
    public required string TenantId { get; init; }

    /// <summary><see cref="AuditSources.Graph"/> or <see cref="AuditSources.Upload"/>.</summary>
    public required string Source { get; init; }

    public required string Id { get; init; }

    /// <summary>UTC (offset zero); immutable for an event, which is why it can sit in the PostgreSQL primary key.</summary>
    public required DateTimeOffset ActivityDateTime { get; init; }

    public string? ActivityDisplayName { get; init; }

    public string? Category { get; init; }

    public string? CorrelationId { get; init; }

    public string? LoggedByService { get; init; }

    public string? OperationType { get; init; }

    public string? Result { get; init; }

    public string? InitiatedByUserId { get; init; }

    public string? InitiatedByUserPrincipalName { get; init; }

    public string? InitiatedByUserDisplayName { get; init; }

    public string? InitiatedByAppId { get; init; }

    public string? InitiatedByAppDisplayName { get; init; }

    /// <summary>The full Graph directoryAudit object (a JSON object).</summary>
    public required JsonElement Payload { get; init; }

    /// <summary>Set by the store when read back; ignored on write (the store stamps its own clock).</summary>
    public DateTimeOffset? IngestedAt { get; init; }
}
