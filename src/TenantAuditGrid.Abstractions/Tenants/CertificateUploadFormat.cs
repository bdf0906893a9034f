namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>How an operator supplied a certificate credential; recorded for display, storage is the same for both.</summary>
[GenerateSerializer, Alias("tag.CertificateUploadFormat")]
public enum CertificateUploadFormat
{
    /// <summary>A PKCS#12 (.pfx) file and its password.</summary>
    Pfx = 0,

    /// <summary>A PEM certificate and a PEM private key.</summary>
    Pem = 1,
}
