using System.Globalization;

namespace TenantAuditGrid.Bench.Query;

/// <summary>One row of the query latency table: the same query as raw SQL and through the gateway.</summary>
internal sealed record QueryCell(string Name, IReadOnlyList<double> SqlMilliseconds, IReadOnlyList<double> GatewayMilliseconds)
{
    public string Row =>
        $"| {Name} | {Ms(SqlMilliseconds, 0.50)} | {Ms(SqlMilliseconds, 0.99)} | {Ms(GatewayMilliseconds, 0.50)} | {Ms(GatewayMilliseconds, 0.99)} | "
        + $"{(Percentile(GatewayMilliseconds, 0.5) / Percentile(SqlMilliseconds, 0.5)).ToString("0.00", CultureInfo.InvariantCulture)} |";

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1))];
    }

    public static string Ms(IReadOnlyList<double> values, double p) =>
        Percentile(values, p).ToString("#,0.0", CultureInfo.InvariantCulture) + " ms";
}
