namespace TenantAuditGrid.Graph;

/// <summary>The MSP's multi-tenant app (configuration section <c>TenantAuditGrid:SharedApp</c>).</summary>
public sealed class SharedAppOptions
{
    public const string SectionName = "TenantAuditGrid:SharedApp";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>When the shared app's secret expires, if the operator recorded it; drives the expiring-soon warning.</summary>
    public DateTimeOffset? ClientSecretExpiresOn { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrEmpty(ClientSecret);
}
