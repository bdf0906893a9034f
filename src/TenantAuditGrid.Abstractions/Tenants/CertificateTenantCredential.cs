namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>
/// A per-tenant app registration that authenticates with a certificate. Whatever the upload format, it is stored as
/// the public certificate (PEM, plain) plus its RSA private key (PKCS#8, encrypted); a PFX password is never kept.
/// </summary>
[GenerateSerializer, Alias("tag.CertificateTenantCredential")]
public sealed record CertificateTenantCredential(
    int Version,
    [property: Id(0)] string ClientId,
    [property: Id(1)] CertificateUploadFormat UploadedAs,
    [property: Id(2)] string CertificatePem,
    [property: Id(3)] EncryptedSecret PrivateKey,
    [property: Id(4)] string Thumbprint,
    [property: Id(5)] DateTimeOffset NotBefore,
    [property: Id(6)] DateTimeOffset NotAfter) : TenantCredential(Version)
{
    public override DateTimeOffset? ExpiresOn => NotAfter;
}
