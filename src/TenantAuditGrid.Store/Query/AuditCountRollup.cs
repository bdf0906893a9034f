namespace TenantAuditGrid.Store.Query;

/// <summary>
/// A rollup of audit_events kept exact by the store's triggers (PostgreSQL migrations 007 and 009, SQLite schema versions 2 and 3):
/// the number of events per tenant, source, fixed-width UTC time bucket and value of each of <see cref="Dimensions"/>.
/// </summary>
/// <param name="Dimensions">Graph property names whose values the rollup keeps (its columns are named as in <see cref="AuditEventTable"/>).</param>
public sealed record AuditCountRollup(string Table, TimeSpan Width, IReadOnlySet<string> Dimensions)
{
    public const string BucketStart = "bucket_start";
    public const string EventCount = "event_count";

    /// <summary>Every groupable property, per hour: serves interval=1h and filters on any of them.</summary>
    public static AuditCountRollup Hourly { get; } = new("audit_event_counts_hourly", TimeSpan.FromHours(1),
        new HashSet<string>(StringComparer.Ordinal) { "tenantId", "category", "result", "activityDisplayName", "loggedByService", "operationType" });

    /// <summary>Tenant, category and result per day: small enough that a week across a thousand tenants is a few hundred thousand rows at most.</summary>
    public static AuditCountRollup Daily { get; } = new("audit_event_counts_daily", TimeSpan.FromDays(1),
        new HashSet<string>(StringComparer.Ordinal) { "tenantId", "category", "result" });

    /// <summary>Tenant and category per hour: the edge of a tenants × categories report, a few rows per tenant-hour.</summary>
    public static AuditCountRollup CategoryHourly { get; } = new("audit_event_counts_category_hourly", TimeSpan.FromHours(1),
        new HashSet<string>(StringComparer.Ordinal) { "tenantId", "category" });

    /// <summary>Tenant and category per day: a week of the tenants × categories report is one row per answer group.</summary>
    public static AuditCountRollup CategoryDaily { get; } = new("audit_event_counts_category_daily", TimeSpan.FromDays(1),
        new HashSet<string>(StringComparer.Ordinal) { "tenantId", "category" });

    /// <summary>Every rollup, narrowest first within each width: the first that serves a query is the one with the fewest rows.</summary>
    public static IReadOnlyList<AuditCountRollup> All { get; } = [CategoryHourly, Hourly, CategoryDaily, Daily];

    /// <summary>Whether this rollup can answer buckets of <paramref name="interval"/> (null: no buckets) over <paramref name="dimensions"/>.</summary>
    public bool Serves(TimeSpan? interval, IEnumerable<string> dimensions) =>
        (interval is null || interval.Value.Ticks % Width.Ticks == 0) && dimensions.All(Dimensions.Contains);

    /// <summary>Start of the bucket holding <paramref name="time"/> (buckets aligned to the Unix epoch, as the triggers compute them).</summary>
    public DateTimeOffset Floor(DateTimeOffset time)
    {
        var sinceEpoch = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var floored = sinceEpoch - (((sinceEpoch % Width.Ticks) + Width.Ticks) % Width.Ticks);
        return new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + floored, TimeSpan.Zero);
    }

    /// <summary>The first bucket start whose whole bucket lies after the bound (<paramref name="exclusive"/>: after "gt", else "ge").</summary>
    public DateTimeOffset FirstWholeBucketFrom(DateTimeOffset bound, bool exclusive)
    {
        var floor = Floor(bound);
        return floor == bound && !exclusive ? floor : floor + Width;
    }
}
