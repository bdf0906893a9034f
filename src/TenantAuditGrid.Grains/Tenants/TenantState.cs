using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Grains.Tenants;

/// <summary>The tenant grain's persisted state (state name <c>tenant</c>). Stored as JSON; members are append-only.</summary>
[GenerateSerializer, Alias("tag.TenantState")]
public sealed class TenantState
{
    [Id(0)] public bool Onboarded { get; set; }

    [Id(1)] public string DisplayName { get; set; } = string.Empty;

    [Id(2)] public List<string> Tags { get; set; } = [];

    [Id(3)] public List<AuditSource> Sources { get; set; } = [];

    [Id(4)] public TenantCredential? Credential { get; set; }

    [Id(5)] public bool Paused { get; set; }

    [Id(6)] public List<SourceHealth> Health { get; set; } = [];

    [Id(7)] public TenantCapabilities Capabilities { get; set; } = TenantCapabilities.None;

    [Id(8)] public DateTimeOffset OnboardedAt { get; set; }

    [Id(9)] public DateTimeOffset? LastProbedAt { get; set; }

    [Id(10)] public List<string> GrantedRoles { get; set; } = [];

    /// <summary>Increases with every published status row, so the store can drop a publish that arrives after a newer one.</summary>
    [Id(11)] public long StatusVersion { get; set; }

    /// <summary>The MSP customer the tenant belongs to; null until one is assigned.</summary>
    [Id(12)] public string? CustomerId { get; set; }
}
