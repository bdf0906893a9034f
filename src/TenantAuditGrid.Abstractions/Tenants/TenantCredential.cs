namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>
/// How TenantAuditGrid authenticates to one tenant, as kept in the tenant grain's state. Secret material is only
/// ever held as <see cref="EncryptedSecret"/>; the public parts (client id, certificate, expiry) are plain so they can be shown.
/// </summary>
/// <param name="Version">Increases on every rotation; Graph clients are cached per tenant and version.</param>
[GenerateSerializer, Alias("tag.TenantCredential")]
public abstract record TenantCredential([property: Id(0)] int Version)
{
    /// <summary>When the secret or certificate stops working, when known.</summary>
    public abstract DateTimeOffset? ExpiresOn { get; }
}
