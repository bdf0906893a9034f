namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// The identity-and-access reports limits as sliding windows on the emulated clock: per app per tenant, and per app
/// across tenants. Refused requests do not count against the window.
/// </summary>
internal sealed class ReportsThrottle(EmulatorOptions options, TimeProvider clock)
{
    private readonly object gate = new();
    private readonly Dictionary<(string App, Guid Tenant), Queue<DateTimeOffset>> perTenant = [];
    private readonly Dictionary<string, Queue<DateTimeOffset>> perApp = new(StringComparer.OrdinalIgnoreCase);
    private long admitted;
    private long refusedPerTenant;
    private long refusedAppWide;

    /// <summary>What the throttle has decided so far, split by the limit that refused: tells a benchmark which budget was overrun.</summary>
    public ThrottleCounts Counts
    {
        get
        {
            lock (gate)
            {
                return new ThrottleCounts(admitted, refusedPerTenant, refusedAppWide);
            }
        }
    }

    /// <summary>Null when the request may proceed; otherwise how long until it would be admitted.</summary>
    public TimeSpan? TryAcquire(string clientId, Guid tenantId)
    {
        var limits = options.Throttling;
        if (!limits.Enabled)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (perTenant.Count > 50_000)
            {
                PurgeIdle(now, limits.Window);
            }

            var tenantWindow = Window(perTenant, (clientId, tenantId), now, limits.Window);
            var appWindow = Window(perApp, clientId, now, limits.Window);
            if (tenantWindow.Count >= limits.PerAppPerTenant)
            {
                refusedPerTenant++;
                return tenantWindow.Peek() + limits.Window - now;
            }

            if (appWindow.Count >= limits.PerAppAcrossTenants)
            {
                refusedAppWide++;
                return appWindow.Peek() + limits.Window - now;
            }

            tenantWindow.Enqueue(now);
            appWindow.Enqueue(now);
            admitted++;
            return null;
        }
    }

    private static Queue<DateTimeOffset> Window<TKey>(Dictionary<TKey, Queue<DateTimeOffset>> windows, TKey key, DateTimeOffset now, TimeSpan length)
        where TKey : notnull
    {
        if (!windows.TryGetValue(key, out var window))
        {
            window = new Queue<DateTimeOffset>();
            windows.Add(key, window);
        }

        while (window.Count > 0 && window.Peek() <= now - length)
        {
            window.Dequeue();
        }

        return window;
    }

    private void PurgeIdle(DateTimeOffset now, TimeSpan length)
    {
        foreach (var (key, window) in perTenant.ToArray())
        {
            if (window.Count == 0 || window.Last() <= now - length)
            {
                perTenant.Remove(key);
            }
        }
    }
}
