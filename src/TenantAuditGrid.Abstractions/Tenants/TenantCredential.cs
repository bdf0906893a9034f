using System.Text.Json.Serialization;

namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>
/// How TenantAuditGrid authenticates to one tenant, as kept in the tenant grain's state. Secret material is only
/// ever held as <see cref="EncryptedSecret"/>; the public parts (client id, certificate, expiry) are plain so they can be shown.
/// </summary>
/// <param name="Version">Increases on every rotation; Graph clients are cached per tenant and version.</param>
/// <remarks>
/// The discriminators let the System.Text.Json grain storage serializer round-trip the concrete type; they are persisted, so never rename one.
/// </remarks>
[GenerateSerializer, Alias("tag.TenantCredential")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ClientSecretTenantCredential), "clientSecret")]
[JsonDerivedType(typeof(CertificateTenantCredential), "certificate")]
[JsonDerivedType(typeof(SharedAppTenantCredential), "sharedApp")]
public abstract record TenantCredential([property: Id(0)] int Version)
{
    /// <summary>When the secret or certificate stops working, when known.</summary>
    public abstract DateTimeOffset? ExpiresOn { get; }
}
