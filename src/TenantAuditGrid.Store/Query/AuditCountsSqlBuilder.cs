namespace TenantAuditGrid.Store.Query;

/// <summary>
/// Builds the statement of an aggregation from its <see cref="AuditCountsPlan"/>: one counting part per segment (rollup sums for
/// whole buckets, raw counts for the edges, negated sums for hours taken back out of a whole day), added up by group. Every part
/// reads the query's <see cref="VisibleRows"/>, as every statement of the query layer does.
/// </summary>
public sealed class AuditCountsSqlBuilder(SqlDialect dialect)
{
    public SqlStatement Counts(AuditCountsQuery query, TenantScope scope)
    {
        ArgumentNullException.ThrowIfNull(query);
        var plan = AuditCountsPlan.For(query);
        var parameters = new SqlParameters();
        var parts = plan.Segments.Select(segment => Part(query, scope, plan, segment, parameters)).ToList();
        var union = string.Join(" UNION ALL ", parts);
        var outputCount = (query.Interval is null ? 0 : 1) + query.GroupBy.Count;
        if (outputCount == 0)
        {
            return new SqlStatement($"SELECT CAST(COALESCE(SUM(n), 0) AS bigint) FROM ({union}) AS parts", parameters.Values);
        }

        // Rollup rows are nearly one per answer group, which the planner underestimates: its settings for them are the dialect's.
        var outputs = string.Join(", ", Enumerable.Range(0, outputCount).Select(i => $"c{i}"));
        return new SqlStatement(
            $"SELECT {outputs}, CAST(SUM(n) AS bigint) FROM ({union}) AS parts GROUP BY {outputs} HAVING SUM(n) > 0 ORDER BY {outputs}",
            parameters.Values,
            plan.Segments.Any(segment => segment.Rollup is not null) ? dialect.RollupAggregationPrelude : null);
    }

    private string Part(AuditCountsQuery query, TenantScope scope, AuditCountsPlan plan, AuditCountsPlan.Segment segment, SqlParameters parameters)
    {
        var rollup = segment.Rollup;
        var timeColumn = rollup is null ? AuditEventTable.ActivityDateTime : AuditCountRollup.BucketStart;
        var outputs = new List<string>();
        if (query.Interval is { } interval)
        {
            outputs.Add(dialect.TimeBucket(timeColumn, interval, parameters));
        }

        outputs.AddRange(query.GroupBy.Select(name => AuditEventTable.ColumnsByPath[name].Name));
        var selected = outputs.Select((expression, i) => $"{expression} AS c{i}").ToList();

        // The raw table takes the whole filter; a rollup only the conditions on its dimensions, its time range being the segment.
        var visible = query.RowsVisibleTo(scope);
        var clauses = new List<string>
        {
            rollup is null ? visible.Where(dialect, parameters) : visible.Where(dialect, parameters, plan.DimensionConditions),
        };

        if (segment.From is { } from)
        {
            clauses.Add($"{timeColumn} >= {parameters.Add(dialect.DateTimeParameter(from))}");
        }

        if (segment.To is { } to)
        {
            clauses.Add($"{timeColumn} < {parameters.Add(dialect.DateTimeParameter(to))}");
        }

        // A rollup whose buckets and dimensions are exactly the query's groups holds one row per group (source being fixed): its rows
        // go to the outer sum as they are. Grouping them here too would build a second hash table as large as the answer.
        var rowPerGroup = rollup is not null && query.Interval == rollup.Width && rollup.Dimensions.SetEquals(query.GroupBy);
        var count = (rollup, rowPerGroup, segment.Negated) switch
        {
            (null, _, _) => "COUNT(*)",
            (_, true, false) => AuditCountRollup.EventCount,
            (_, true, true) => $"-{AuditCountRollup.EventCount}",
            (_, false, false) => $"CAST(SUM({AuditCountRollup.EventCount}) AS bigint)",
            (_, false, true) => $"CAST(-SUM({AuditCountRollup.EventCount}) AS bigint)",
        };
        var text = $"SELECT {string.Join(", ", [.. selected, $"{count} AS n"])} FROM {rollup?.Table ?? AuditEventTable.Name} WHERE {string.Join(" AND ", clauses)}";
        return outputs.Count == 0 || rowPerGroup ? text : $"{text} GROUP BY {string.Join(", ", Enumerable.Range(1, outputs.Count))}";
    }
}
