using System.Diagnostics;

namespace TenantAuditGrid.Testing;

/// <summary>Bounded polling: a condition is checked until it holds or the limit passes, never slept on a guess.</summary>
public static class Waits
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"waited {limit} for {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }
}
