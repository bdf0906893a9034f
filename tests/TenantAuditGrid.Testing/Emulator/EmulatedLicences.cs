using ProductLicence = TenantAuditGrid.Abstractions.Tenants.TenantLicence;

namespace TenantAuditGrid.Testing.Emulator;

/// <summary>The emulator's licence of a tenant as the product should name it once it read the tenant's subscriptions.</summary>
public static class EmulatedLicences
{
    public static ProductLicence AsProductLicence(this GraphEmulator.TenantLicence licence) => licence switch
    {
        GraphEmulator.TenantLicence.Free => ProductLicence.Free,
        GraphEmulator.TenantLicence.P1 => ProductLicence.P1,
        GraphEmulator.TenantLicence.P2 => ProductLicence.P2,
        _ => throw new ArgumentOutOfRangeException(nameof(licence), licence, null),
    };
}
