namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>A per-tenant app registration that authenticates with a client secret.</summary>
/// <param name="SecretExpiresOn">The secret's expiry as the operator entered it (Entra does not tell the app).</param>
[GenerateSerializer, Alias("tag.ClientSecretTenantCredential")]
public sealed record ClientSecretTenantCredential(
    int Version,
    [property: Id(0)] string ClientId,
    [property: Id(1)] EncryptedSecret Secret,
    [property: Id(2)] DateTimeOffset? SecretExpiresOn) : TenantCredential(Version)
{
    public override DateTimeOffset? ExpiresOn => SecretExpiresOn;
}
