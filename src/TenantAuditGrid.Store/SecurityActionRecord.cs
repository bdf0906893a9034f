using System.Text.Json;

namespace TenantAuditGrid.Store;

/// <summary>
/// One Graph securityAction (beta) of one tenant. Unlike audit events these change while they run, so the store keeps the
/// latest copy per (TenantId, Id). Build it from Graph JSON with <see cref="Mapping.SecurityActionMapper.FromGraph"/>.
/// </summary>
public sealed record SecurityActionRecord
{
    public required string TenantId { get; init; }

    public required string Id { get; init; }

    public string? Name { get; init; }

    /// <summary>As Graph sends it (e.g. <c>notStarted</c>, <c>Running</c>); compared, never parsed.</summary>
    public string? Status { get; init; }

    public string? ActionReason { get; init; }

    public DateTimeOffset? CreatedDateTime { get; init; }

    public DateTimeOffset? LastActionDateTime { get; init; }

    public DateTimeOffset? CompletedDateTime { get; init; }

    /// <summary>The full Graph securityAction object (a JSON object).</summary>
    public required JsonElement Payload { get; init; }

    /// <summary>Set by the store when read back: when this copy was stored.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}
