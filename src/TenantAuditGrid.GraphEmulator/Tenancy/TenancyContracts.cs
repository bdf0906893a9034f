using System.Security.Cryptography.X509Certificates;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>A tenant as the control API reports it.</summary>
/// <param name="LicenceReadRefused">Whether Graph answers <c>GET /subscribedSkus</c> with 403 in this tenant whatever the caller holds.</param>
public sealed record TenantInfo(
    Guid Id, string DisplayName, string DefaultDomain, TenantLicence Licence, double EventsPerDay, IReadOnlyList<GrantInfo> Grants,
    bool LicenceReadRefused);

/// <summary>An app's service principal in a tenant and the application permissions granted to it.</summary>
public sealed record GrantInfo(string ClientId, Guid ServicePrincipalId, IReadOnlyList<string> Roles, bool ConsentRequired);

/// <summary>An app registration without its secrets.</summary>
public sealed record AppInfo(
    string ClientId,
    string DisplayName,
    Guid? HomeTenantId,
    IReadOnlyList<string> RequiredRoles,
    IReadOnlyList<SecretInfo> Secrets,
    IReadOnlyList<CertificateInfo> Certificates);

public sealed record SecretInfo(string Hint, DateTimeOffset? Expires);

public sealed record CertificateInfo(string Thumbprint, DateTimeOffset? Expires);

/// <summary>What to create; unset members are derived from the seed like the demo tenants.</summary>
public sealed record TenantSpec
{
    public Guid? Id { get; init; }

    public string? DisplayName { get; init; }

    public TenantLicence? Licence { get; init; }

    public double? EventsPerDay { get; init; }

    /// <summary>Makes <c>GET /subscribedSkus</c> answer 403 in this tenant, so its licence cannot be read while its audit log can.</summary>
    public bool LicenceReadRefused { get; init; }

    /// <summary>Whether the shared MSP app gets a service principal with all its roles in the new tenant.</summary>
    public bool ConsentSharedApp { get; init; } = true;
}

/// <summary>A change to a tenant; unset members stay as they are.</summary>
public sealed record TenantUpdate
{
    public string? DisplayName { get; init; }

    public TenantLicence? Licence { get; init; }

    public double? EventsPerDay { get; init; }

    public bool? LicenceReadRefused { get; init; }
}

/// <summary>A new app registration. Give a secret, a certificate, or both.</summary>
public sealed record AppSpec
{
    public string? ClientId { get; init; }

    public string DisplayName { get; init; } = "Emulated app";

    /// <summary>Set for a single-tenant app; null registers a multi-tenant app.</summary>
    public Guid? HomeTenantId { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [GraphRoles.AuditLogReadAll, GraphRoles.DirectoryReadAll];

    public string? Secret { get; init; }

    public DateTimeOffset? SecretExpires { get; init; }

    /// <summary>The public certificate the app signs client assertions with.</summary>
    public X509Certificate2? Certificate { get; init; }

    public DateTimeOffset? CertificateExpires { get; init; }

    /// <summary>For a single-tenant app: grant its roles in the home tenant right away.</summary>
    public bool ConsentInHomeTenant { get; init; } = true;
}
