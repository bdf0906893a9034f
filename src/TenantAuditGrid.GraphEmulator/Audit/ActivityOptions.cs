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

    /// <summary>
    /// Mean security actions per tenant per day that other tools submitted, over the 30 days before start and on from there. 0 (the
    /// default) leaves tenants with only the actions a client or the control surface submits.
    /// </summary>
    public double SecurityActionsPerDay { get; set; }

    internal void Validate()
    {
        EmulatorOptions.Require(MeanEventsPerDay is >= 0 and <= 1_000_000, "Activity.MeanEventsPerDay must be between 0 and 1,000,000.");
        EmulatorOptions.Require(VolumeSkew is >= 0 and <= 3, "Activity.VolumeSkew must be between 0 and 3.");
        EmulatorOptions.Require(FreeLicenceShare is >= 0 and <= 1, "Activity.FreeLicenceShare must be between 0 and 1.");
        EmulatorOptions.Require(SecurityActionsPerDay is >= 0 and <= 100, "Activity.SecurityActionsPerDay must be between 0 and 100.");
    }
}
