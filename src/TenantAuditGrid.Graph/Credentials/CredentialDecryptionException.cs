namespace TenantAuditGrid.Graph.Credentials;

/// <summary>A stored credential could not be decrypted. The message never contains key material or plaintext.</summary>
public sealed class CredentialDecryptionException(string message) : Exception(message);
