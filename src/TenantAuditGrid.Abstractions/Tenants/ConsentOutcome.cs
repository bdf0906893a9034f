namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>What the admin consent redirect reported: <c>admin_consent=True</c>, or Entra's error and its description.</summary>
[GenerateSerializer, Alias("tag.ConsentOutcome")]
public sealed record ConsentOutcome(
    [property: Id(0)] bool Granted,
    [property: Id(1)] string? Error,
    [property: Id(2)] string? ErrorDescription);
