using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.Graph.Tests.Support;

/// <summary>
/// An emulator whose clock (practically) stands still, so ground truth taken at "now" holds for the whole test;
/// tests move time through the control API instead of sleeping.
/// </summary>
internal static class FrozenOptions
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static EmulatorOptions Create(int seed) => new()
    {
        TenantCount = 0,
        Seed = seed,
        StartTime = Start,
        TimeScale = 1e-9,
        Throttling = { Enabled = false },
        Activity = { MeanEventsPerDay = 20, VolumeSkew = 0 },
    };
}
