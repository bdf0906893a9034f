namespace TenantAuditGrid.GraphEmulator;

/// <summary>The Entra ID licence of a tenant; it decides how long audit events are kept.</summary>
public enum TenantLicence
{
    Free,
    P1,
    P2,
}

internal static class TenantLicenceRetention
{
    public static TimeSpan Of(TenantLicence licence) =>
        licence == TenantLicence.Free ? TimeSpan.FromDays(7) : TimeSpan.FromDays(30);
}
