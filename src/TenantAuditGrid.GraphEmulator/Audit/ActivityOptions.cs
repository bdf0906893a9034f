namespace TenantAuditGrid.GraphEmulator;

/// <summary>How much audit activity the generated tenants have.</summary>
public sealed class ActivityOptions
{
    /// <summary>Mean directoryAudit events per tenant per day (about 10,000 over a 30-day window at 333).</summary>
    public double MeanEventsPerDay { get; set; } = 333;

    /// <summary>Spread of volume between tenants (sigma of a log-normal factor); 0 makes every tenant equal.</summary>
    public double VolumeSkew { get; set; } = 0.8;

    /// <summary>Share of demo tenants on Entra ID Free (7-day retention); the rest are P1 or P2 (30 days).</summary>
    public double FreeLicenceShare { get; set; } = 0.2;

    internal void Validate()
    {
        EmulatorOptions.Require(MeanEventsPerDay is >= 0 and <= 1_000_000, "Activity.MeanEventsPerDay must be between 0 and 1,000,000.");
        EmulatorOptions.Require(VolumeSkew is >= 0 and <= 3, "Activity.VolumeSkew must be between 0 and 3.");
        EmulatorOptions.Require(FreeLicenceShare is >= 0 and <= 1, "Activity.FreeLicenceShare must be between 0 and 1.");
    }
}
