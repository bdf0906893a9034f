namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>
/// Whether a tenant's audit source can be read, and if not, the reason an operator has to act on.
/// Stored in grain state and in status rows: append new values at the end, never renumber.
/// </summary>
[GenerateSerializer, Alias("tag.TenantHealthState")]
public enum TenantHealthState
{
    Healthy = 0,
    ConsentRequired = 1,
    CredentialInvalid = 2,
    CredentialExpired = 3,
    CredentialExpiringSoon = 4,
    AppNotFound = 5,
    TenantNotFound = 6,
    PermissionMissing = 7,
    LicenceLimited = 8,
    Throttled = 9,
    Unreachable = 10,
    Disabled = 11,
}
