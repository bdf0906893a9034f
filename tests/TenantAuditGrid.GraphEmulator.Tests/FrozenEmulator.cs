using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.GraphEmulator.Tests;

/// <summary>
/// Options for an emulator whose clock stands (practically) still, so ground truth taken at "now" stays true for the whole
/// test; tests move time with the control API instead of sleeping.
/// </summary>
internal static class FrozenEmulator
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static EmulatorOptions Options(int tenants = 2, double eventsPerDay = 40) => new()
    {
        TenantCount = tenants,
        Seed = 11,
        StartTime = Start,
        TimeScale = 1e-9,
        Throttling = { Enabled = false },
        Activity = { MeanEventsPerDay = eventsPerDay, VolumeSkew = 0, FreeLicenceShare = 1 },
    };
}
