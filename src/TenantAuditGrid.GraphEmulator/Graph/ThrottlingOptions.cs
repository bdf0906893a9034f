namespace TenantAuditGrid.GraphEmulator;

/// <summary>Limits of Graph's identity-and-access reports family (directoryAudits, signIns, provisioning).</summary>
public sealed class ThrottlingOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Requests per window per app per tenant.</summary>
    public int PerAppPerTenant { get; set; } = 5;

    /// <summary>Requests per window per app across all tenants.</summary>
    public int PerAppAcrossTenants { get; set; } = 122;

    /// <summary>The sliding window, in emulated time.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);

    internal void Validate()
    {
        EmulatorOptions.Require(PerAppPerTenant >= 1, "Throttling.PerAppPerTenant must be at least 1.");
        EmulatorOptions.Require(PerAppAcrossTenants >= 1, "Throttling.PerAppAcrossTenants must be at least 1.");
        EmulatorOptions.Require(Window > TimeSpan.Zero, "Throttling.Window must be positive.");
    }
}
