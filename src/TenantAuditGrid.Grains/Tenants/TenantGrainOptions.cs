namespace TenantAuditGrid.Grains.Tenants;

/// <summary>Section <c>TenantAuditGrid:Tenants</c>.</summary>
public sealed class TenantGrainOptions
{
    public const string SectionName = "TenantAuditGrid:Tenants";

    /// <summary>
    /// How often a tenant is re-probed when nothing else happens. A probe spends up to two report requests of the shared budget,
    /// so at the default an MSP with 1,000 tenants spends about 0.6 of Graph's 12.2 report requests per second on probes;
    /// sync failures update health immediately in between. Orleans reminders cannot fire more often than once a minute.
    /// </summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromHours(1);
}
