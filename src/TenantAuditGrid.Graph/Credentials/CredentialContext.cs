namespace TenantAuditGrid.Graph.Credentials;

/// <summary>The associated-data contexts secret material is encrypted under: a value only decrypts for its own tenant and field.</summary>
public static class CredentialContext
{
    public static string ClientSecret(string tenantId) => $"{Normalize(tenantId)}/client-secret";

    public static string PrivateKey(string tenantId) => $"{Normalize(tenantId)}/private-key";

    private static string Normalize(string tenantId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        return tenantId.Trim().ToLowerInvariant();
    }
}
