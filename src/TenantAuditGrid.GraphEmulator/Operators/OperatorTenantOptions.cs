namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// The MSP's own Entra tenant, where operators and automation sign in to the product: its id and the product's app registration (the
/// API, whose app roles a token carries). It is not one of the customer tenants the directory lists.
/// </summary>
public sealed class OperatorTenantOptions
{
    public Guid TenantId { get; set; } = new("5c0f4e1a-8b2d-4f6e-9a3c-7d1b2e4f6a80");

    /// <summary>The product's API app registration; tokens for it carry this as audience.</summary>
    public string ApiClientId { get; set; } = "c3d9a7e2-41b6-4f0a-8e5d-92b7c1f4a630";

    public string ApiDisplayName { get; set; } = "TenantAuditGrid";

    /// <summary>How long an operator token lasts, on the wall clock: the product validates it as it would Entra's, against real time.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(75);
}
