using System.Text.Json;

namespace TenantAuditGrid.Store;

/// <summary>
/// The row a tenant grain publishes whenever its state changes, so cross-tenant status questions are answered by SQL.
/// <see cref="Version"/> increases with every publish of the tenant; the store keeps the highest, so a late, out-of-order
/// publish never overwrites a newer one.
/// </summary>
public sealed record TenantStatusRecord
{
    public required string TenantId { get; init; }

    public string? DisplayName { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The customer the tenant belongs to; null for a tenant not yet assigned (only callers granted every customer see it).</summary>
    public string? CustomerId { get; init; }

    /// <summary>Enabled sources, e.g. <c>directoryAudits</c>, <c>securityActions</c>.</summary>
    public IReadOnlyList<string> EnabledSources { get; init; } = [];

    /// <summary>The typed health state's name (e.g. <c>Healthy</c>, <c>ConsentMissing</c>).</summary>
    public required string HealthState { get; init; }

    public DateTimeOffset? HealthSince { get; init; }

    public string? LastErrorCode { get; init; }

    public string? Remediation { get; init; }

    /// <summary>What the tenant can do (licence, permissions found), as a JSON object or array; null when unknown.</summary>
    public JsonElement? Capabilities { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required long Version { get; init; }
}
