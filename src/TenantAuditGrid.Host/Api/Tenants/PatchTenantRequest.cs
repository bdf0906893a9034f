using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Host.Api.Tenants;

public sealed class PatchTenantRequest
{
    public string? DisplayName { get; set; }

    public List<string>? Tags { get; set; }

    /// <summary>Moves the tenant to another customer; null leaves it where it is.</summary>
    public string? CustomerId { get; set; }

    public List<AuditSource>? Sources { get; set; }

    /// <summary>True pauses syncing and probing (state <c>disabled</c>) without forgetting anything.</summary>
    public bool? Paused { get; set; }
}
