using System.Diagnostics;

namespace TenantAuditGrid.Bench;

/// <summary>CPU time used by this process so far: on a shared machine, CPU per unit of work is steadier than a wall-clock rate.</summary>
internal static class ProcessCpu
{
    public static TimeSpan Now()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
