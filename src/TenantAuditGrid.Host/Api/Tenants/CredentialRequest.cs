namespace TenantAuditGrid.Host.Api.Tenants;

/// <summary>
/// A credential as uploaded. <c>sharedApp</c> uses the MSP's multi-tenant app configured once for the deployment; the others are a
/// per-tenant app registration with a client secret or a certificate (PFX + password, or PEM certificate + key).
/// </summary>
public sealed class CredentialRequest
{
    public CredentialType? Type { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public DateTimeOffset? SecretExpiresOn { get; set; }

    public string? PfxBase64 { get; set; }

    public string? PfxPassword { get; set; }

    public string? CertificatePem { get; set; }

    public string? PrivateKeyPem { get; set; }

    public string? PrivateKeyPassword { get; set; }
}

public enum CredentialType
{
    SharedApp,
    ClientSecret,
    Certificate,
}
