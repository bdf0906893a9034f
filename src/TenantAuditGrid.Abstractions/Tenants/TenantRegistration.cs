namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>What onboarding needs. The credential arrives already validated and encrypted by the API; grains never see plaintext secrets.</summary>
[GenerateSerializer, Alias("tag.TenantRegistration")]
public sealed record TenantRegistration(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] IReadOnlyList<string> Tags,
    [property: Id(2)] IReadOnlyList<AuditSource> Sources,
    [property: Id(3)] TenantCredential Credential,
    [property: Id(4)] string? CustomerId = null);
