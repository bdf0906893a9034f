namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>
/// The answer to a tenant command: the tenant afterwards, or why nothing changed. Expected refusals are values, not exceptions,
/// so the API can map each to its status code and no refusal is ever mistaken for a server error.
/// </summary>
[GenerateSerializer, Alias("tag.TenantCommandResult")]
public sealed record TenantCommandResult(
    [property: Id(0)] TenantCommandOutcome Outcome,
    [property: Id(1)] TenantView? Tenant,
    [property: Id(2)] string? Detail,
    [property: Id(3)] TenantProbeResult? RejectedProbe)
{
    public static TenantCommandResult Ok(TenantView tenant) => new(TenantCommandOutcome.Ok, tenant, null, null);

    public static TenantCommandResult Refused(TenantCommandOutcome outcome, string detail, TenantProbeResult? probe = null) =>
        new(outcome, null, detail, probe);
}

[GenerateSerializer, Alias("tag.TenantCommandOutcome")]
public enum TenantCommandOutcome
{
    Ok = 0,
    NotFound = 1,
    AlreadyOnboarded = 2,
    CredentialRejected = 3,
    Invalid = 4,
}
