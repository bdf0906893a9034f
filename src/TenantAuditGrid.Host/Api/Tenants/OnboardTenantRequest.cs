using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Host.Api.Tenants;

public sealed class OnboardTenantRequest
{
    public string? TenantId { get; set; }

    public string? DisplayName { get; set; }

    public List<string>? Tags { get; set; }

    /// <summary>Defaults to both sources.</summary>
    public List<AuditSource>? Sources { get; set; }

    /// <summary>Defaults to the shared MSP app.</summary>
    public CredentialRequest? Credential { get; set; }
}
