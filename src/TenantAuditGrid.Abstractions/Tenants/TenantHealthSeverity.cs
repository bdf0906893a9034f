namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>
/// Orders health states by how urgently an operator must act, so that one state can summarise a tenant
/// whose sources differ. Problems nobody but the operator can fix come first; transient and warning states last.
/// </summary>
public static class TenantHealthSeverity
{
    public static int Of(TenantHealthState state) => state switch
    {
        TenantHealthState.Disabled => 100,
        TenantHealthState.TenantNotFound => 90,
        TenantHealthState.AppNotFound => 85,
        TenantHealthState.CredentialExpired => 80,
        TenantHealthState.CredentialInvalid => 75,
        TenantHealthState.ConsentRequired => 70,
        TenantHealthState.PermissionMissing => 60,
        TenantHealthState.Unreachable => 40,
        TenantHealthState.Throttled => 30,
        TenantHealthState.LicenceLimited => 20,
        TenantHealthState.CredentialExpiringSoon => 10,
        TenantHealthState.Healthy => 0,
        _ => 50,
    };

    public static TenantHealthState MostSevere(IEnumerable<TenantHealthState> states) =>
        states.DefaultIfEmpty(TenantHealthState.Healthy).MaxBy(Of);
}
