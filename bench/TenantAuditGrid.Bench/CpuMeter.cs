using System.Diagnostics;
using System.Globalization;

namespace TenantAuditGrid.Bench;

/// <summary>
/// CPU time spent by this process and by one PostgreSQL backend (from /proc), so a run on a busy shared machine still
/// yields a load-independent figure: events per CPU-second of client plus server work.
/// </summary>
internal sealed class CpuMeter(int? postgresBackendPid)
{
    // Linux reports /proc/[pid]/stat times in clock ticks, USER_HZ = 100 on every mainstream kernel configuration.
    private const double TicksPerSecond = 100;

    public (TimeSpan Client, TimeSpan Server) Read()
    {
        using var self = Process.GetCurrentProcess();
        return (self.TotalProcessorTime, ServerTime());
    }

    private TimeSpan ServerTime()
    {
        var path = $"/proc/{postgresBackendPid}/stat";
        if (postgresBackendPid is null || !File.Exists(path))
        {
            return TimeSpan.Zero;
        }

        // Fields after the parenthesised command name: state is field 3, utime field 14, stime field 15.
        var text = File.ReadAllText(path);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
