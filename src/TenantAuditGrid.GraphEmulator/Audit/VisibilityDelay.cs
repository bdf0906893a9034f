namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// How long after it happened an event shows up in the API: P95 about 2 minutes, P99 about 5, a thin tail up to 2 hours,
/// as reported for Entra audit logs.
/// </summary>
internal static class VisibilityDelay
{
    public static TimeSpan Draw(Random random)
    {
        var u = random.NextDouble();
        return u switch
        {
            < 0.95 => TimeSpan.FromSeconds(15 + (105 * (u / 0.95))),
            < 0.99 => TimeSpan.FromSeconds(120 + (180 * ((u - 0.95) / 0.04))),
            < 0.999 => TimeSpan.FromMinutes(5 + (25 * ((u - 0.99) / 0.009))),
            _ => TimeSpan.FromMinutes(30 + (90 * ((u - 0.999) / 0.001))),
        };
    }
}
