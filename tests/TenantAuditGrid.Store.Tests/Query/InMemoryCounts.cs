using Microsoft.OData.UriParser;
using TenantAuditGrid.Store.Query;

using TenantAuditGrid.Testing.Audit;

namespace TenantAuditGrid.Store.Tests.Query;

/// <summary>The independent answer to an aggregation: the evaluator's matching events, grouped and counted in C#.</summary>
public static class InMemoryCounts
{
    /// <remarks>Without groups and buckets the answer is one total, zero included.</remarks>
    public static List<string> Expected(IEnumerable<GeneratedEvent> events, FilterClause? filter, IReadOnlyList<string> groupBy, TimeSpan? interval) =>
        groupBy.Count == 0 && interval is null
            ? [$"{Key(null, [])} = {events.Count(e => InMemoryFilterEvaluator.Matches(filter, e))}"]
            : events.Where(e => InMemoryFilterEvaluator.Matches(filter, e))
            .GroupBy(e => Key(interval is { } width ? Floor(e.ActivityDateTime, width) : null, groupBy.Select(name => ValueOf(e, name)).ToList()))
            .Select(g => $"{g.Key} = {g.Count()}")
            .Order(StringComparer.Ordinal)
            .ToList();

    public static List<string> Describe(IEnumerable<AuditCountRow> rows) =>
        rows.Select(r => $"{Key(r.BucketStart, r.Values)} = {r.Count}").Order(StringComparer.Ordinal).ToList();

    private static string Key(DateTimeOffset? bucket, IReadOnlyList<string?> values) =>
        $"{bucket?.UtcDateTime:O}|{string.Join("|", values.Select(v => v ?? "<null>"))}";

    private static DateTimeOffset Floor(DateTimeOffset time, TimeSpan width) =>
        DateTimeOffset.UnixEpoch.AddTicks((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / width.Ticks * width.Ticks);

    private static string? ValueOf(GeneratedEvent e, string property) =>
        property == "tenantId" ? e.TenantId : e.Payload[property]?.GetValue<string>();
}
