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

/// <summary>
/// Reports-family requests the emulator's throttle has admitted and refused since it started, all apps together. A refusal is counted
/// under the first limit that refused it: the per-tenant limit is checked before the app-wide one, as Graph does.
/// </summary>
public sealed record ThrottleCounts(long Admitted, long RefusedPerTenant, long RefusedAppWide)
{
    public long Refused => RefusedPerTenant + RefusedAppWide;

    public ThrottleCounts Minus(ThrottleCounts earlier) =>
        new(Admitted - earlier.Admitted, RefusedPerTenant - earlier.RefusedPerTenant, RefusedAppWide - earlier.RefusedAppWide);
}
