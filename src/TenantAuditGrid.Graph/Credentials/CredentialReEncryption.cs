using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Graph.Credentials;

/// <summary>
/// Moves a tenant credential's secret material onto the current master key, the third step of a key rotation
/// (docs/operations.md). The public parts and the version stay as they are: the secret itself does not change, so cached Graph
/// clients stay valid.
/// </summary>
public static class CredentialReEncryption
{
    /// <summary>The credential under the current key, or null when nothing needs rewriting.</summary>
    /// <exception cref="CredentialDecryptionException">The key that wrote the value is not configured, or the value was altered.</exception>
    public static TenantCredential? UnderCurrentKey(this CredentialProtector protector, string tenantId, TenantCredential credential)
    {
        ArgumentNullException.ThrowIfNull(protector);
        ArgumentNullException.ThrowIfNull(credential);
        return credential switch
        {
            ClientSecretTenantCredential secret when protector.NeedsReEncryption(secret.Secret) =>
                secret with { Secret = protector.ReEncrypt(secret.Secret, CredentialContext.ClientSecret(tenantId)) },
            CertificateTenantCredential certificate when protector.NeedsReEncryption(certificate.PrivateKey) =>
                certificate with { PrivateKey = protector.ReEncrypt(certificate.PrivateKey, CredentialContext.PrivateKey(tenantId)) },
            _ => null,
        };
    }
}
