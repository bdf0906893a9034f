namespace TenantAuditGrid.Host.Api.Credentials;

/// <summary>
/// The result of a re-encryption pass. A previous master key may be retired once <see cref="Undecryptable"/> is empty and a repeated
/// pass reports <see cref="ReEncrypted"/> = 0.
/// </summary>
/// <param name="CurrentKeyId">The id (an HMAC, not the key) every tenant's secret is now encrypted under.</param>
/// <param name="Tenants">Onboarded tenants examined.</param>
/// <param name="ReEncrypted">Tenants whose secret was moved onto the current key by this pass.</param>
/// <param name="AlreadyCurrent">Tenants whose secret was already under the current key.</param>
/// <param name="WithoutSecret">Tenants on the shared app, which hold no secret of their own.</param>
/// <param name="Undecryptable">Tenants whose secret no configured key can decrypt; their credential must be entered again.</param>
public sealed record CredentialReEncryptionReport(
    string CurrentKeyId,
    int Tenants,
    int ReEncrypted,
    int AlreadyCurrent,
    int WithoutSecret,
    IReadOnlyList<string> Undecryptable);
