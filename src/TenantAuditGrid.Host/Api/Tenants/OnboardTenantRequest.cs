using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Host.Api.Tenants;

public sealed class OnboardTenantRequest
{
    public string? TenantId { get; set; }

    public string? DisplayName { get; set; }

    public List<string>? Tags { get; set; }

    /// <summary>The customer the tenant belongs to (see <c>/api/customers</c>); a tenant without one is seen only by callers granted every customer.</summary>
    public string? CustomerId { get; set; }

    /// <summary>Defaults to both sources.</summary>
    public List<AuditSource>? Sources { get; set; }

    /// <summary>Defaults to the shared MSP app.</summary>
    public CredentialRequest? Credential { get; set; }
}
