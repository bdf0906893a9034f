namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>
/// A tenant as operators see it. The credential appears only by its public facts (kind, client id, thumbprint, expiry), never its secret.
/// </summary>
[GenerateSerializer, Alias("tag.TenantView")]
public sealed record TenantView(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] IReadOnlyList<string> Tags,
    [property: Id(3)] IReadOnlyList<AuditSource> Sources,
    [property: Id(4)] bool Paused,
    [property: Id(5)] TenantHealthState State,
    [property: Id(6)] IReadOnlyList<SourceHealth> Health,
    [property: Id(7)] TenantCapabilities Capabilities,
    [property: Id(8)] CredentialSummary Credential,
    [property: Id(9)] DateTimeOffset OnboardedAt,
    [property: Id(10)] DateTimeOffset? LastProbedAt,
    [property: Id(11)] IReadOnlyList<string> GrantedRoles,
    [property: Id(12)] string? CustomerId);

/// <summary>The public facts of a credential.</summary>
[GenerateSerializer, Alias("tag.CredentialSummary")]
public sealed record CredentialSummary(
    [property: Id(0)] string Kind,
    [property: Id(1)] string? ClientId,
    [property: Id(2)] string? Thumbprint,
    [property: Id(3)] DateTimeOffset? ExpiresOn,
    [property: Id(4)] int Version)
{
    public static CredentialSummary Of(TenantCredential credential) => credential switch
    {
        ClientSecretTenantCredential secret => new("clientSecret", secret.ClientId, null, secret.ExpiresOn, secret.Version),
        CertificateTenantCredential certificate => new("certificate", certificate.ClientId, certificate.Thumbprint, certificate.ExpiresOn, certificate.Version),
        SharedAppTenantCredential shared => new("sharedApp", null, null, null, shared.Version),
        _ => new("unknown", null, null, credential.ExpiresOn, credential.Version),
    };
}
