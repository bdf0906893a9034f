namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>
/// The tenant is reached through the MSP's one multi-tenant app (configured once under
/// <c>TenantAuditGrid:SharedApp</c>), which the tenant's admin has consented to. No secret is held per tenant.
/// </summary>
[GenerateSerializer, Alias("tag.SharedAppTenantCredential")]
public sealed record SharedAppTenantCredential(int Version) : TenantCredential(Version)
{
    public override DateTimeOffset? ExpiresOn => null;
}
