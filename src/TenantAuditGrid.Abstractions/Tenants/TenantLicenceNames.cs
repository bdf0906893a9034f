namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>A licence as an operator reads it, in the banner and in remediation texts alike.</summary>
public static class TenantLicenceNames
{
    public static string DisplayName(this TenantLicence licence) => licence switch
    {
        TenantLicence.Free => "Entra ID Free",
        TenantLicence.P1 => "Entra ID P1",
        TenantLicence.P2 => "Entra ID P2",
        TenantLicence.Premium => "Entra ID P1 or P2",
        _ => "licence unknown",
    };
}
