using System.Globalization;

namespace TenantAuditGrid.Bench.Query;

/// <summary>
/// One row of the query latency table: the same query as raw SQL and through the gateway, and the PostgreSQL backend's CPU time
/// per SQL run (clock ticks of 10 ms, so short queries read as 0 or 10 on a single run; averaged over the series).
/// </summary>
internal sealed record QueryCell(string Name, IReadOnlyList<double> SqlMilliseconds, IReadOnlyList<double> GatewayMilliseconds, double ServerCpuMilliseconds)
{
    public string Row => GatewayMilliseconds.Count == 0
        ? $"| {Name} | {Ms(SqlMilliseconds, 0.50)} | {Ms(SqlMilliseconds, 0.99)} | {Cpu} | | | |"
        : $"| {Name} | {Ms(SqlMilliseconds, 0.50)} | {Ms(SqlMilliseconds, 0.99)} | {Cpu} | {Ms(GatewayMilliseconds, 0.50)} | {Ms(GatewayMilliseconds, 0.99)} | "
            + $"{(Percentile(GatewayMilliseconds, 0.5) / Percentile(SqlMilliseconds, 0.5)).ToString("0.00", CultureInfo.InvariantCulture)} |";

    private string Cpu => ServerCpuMilliseconds.ToString("#,0.0", CultureInfo.InvariantCulture) + " ms";

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1))];
    }

    public static string Ms(IReadOnlyList<double> values, double p) =>
        Percentile(values, p).ToString("#,0.0", CultureInfo.InvariantCulture) + " ms";
}
