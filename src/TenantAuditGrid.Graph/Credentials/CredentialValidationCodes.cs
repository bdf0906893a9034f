namespace TenantAuditGrid.Graph.Credentials;

/// <summary>The <see cref="CredentialValidationException.Code"/> values.</summary>
public static class CredentialValidationCodes
{
    public const string InvalidClientId = "invalid_client_id";
    public const string EmptySecret = "empty_secret";
    public const string SecretTooLong = "secret_too_long";
    public const string PfxUnreadable = "pfx_unreadable";
    public const string CertificateUnreadable = "certificate_unreadable";
    public const string PrivateKeyMissing = "private_key_missing";
    public const string PrivateKeyUnreadable = "private_key_unreadable";
    public const string PrivateKeyMismatch = "private_key_mismatch";
    public const string UnsupportedKeyType = "unsupported_key_type";
    public const string CertificateExpired = "certificate_expired";
    public const string CertificateNotYetValid = "certificate_not_yet_valid";
}
