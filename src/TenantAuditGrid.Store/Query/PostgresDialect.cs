using System.Data.Common;

namespace TenantAuditGrid.Store.Query;

/// <summary>PostgreSQL: payload is jsonb, activity_date_time is timestamptz.</summary>
public sealed class PostgresDialect : SqlDialect
{
    public static PostgresDialect Instance { get; } = new();

    public override string Name => "PostgreSQL";

    public override string JsonText(string jsonExpression, IReadOnlyList<string> path) =>
        $"({jsonExpression} #>> '{{{JoinPath(path)}}}')";

    public override string JsonValue(string jsonExpression, IReadOnlyList<string> path) =>
        $"({jsonExpression} #> '{{{JoinPath(path)}}}')";

    public override (string FromItem, string Guard) JsonArrayElements(string jsonArrayExpression, string alias) =>
        ($"jsonb_array_elements(CASE WHEN jsonb_typeof({jsonArrayExpression}) = 'array' THEN {jsonArrayExpression} ELSE '[]'::jsonb END) AS {alias}(value)",
            "TRUE");

    // Written exactly as the store's GIN index expression (payload -> 'targetResources') so the planner can use it.
    public override string? ArrayContainsHint(string collection, string property, string value, SqlParameters parameters)
    {
        RequireIdentifier(collection);
        var probe = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { [property] = value });
        return $"({AuditEventTable.Payload} -> '{collection}') @> CAST({parameters.Add(probe.ToJsonString())} AS jsonb)";
    }

    public override string StartsWith(string textExpression, string prefix, SqlParameters parameters)
    {
        // LIKE with the wildcards escaped can use a btree index (C collation or text_pattern_ops); starts_with cannot.
        var escaped = prefix.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";
        return $"{textExpression} LIKE {parameters.Add(escaped)} ESCAPE '\\'";
    }

    public override object DateTimeParameter(DateTimeOffset value) => value.UtcDateTime;

    public override DateTimeOffset ReadDateTime(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(ordinal), DateTimeKind.Utc));

    public override string TimeBucket(string dateTimeColumn, TimeSpan interval, SqlParameters parameters) =>
        $"date_bin({parameters.Add(interval)}, {dateTimeColumn}, TIMESTAMPTZ '1970-01-01 00:00:00+00')";

    public override DateTimeOffset ReadTimeBucket(DbDataReader reader, int ordinal) => ReadDateTime(reader, ordinal);

    public override string Limit(string countParameter) => $"LIMIT {countParameter}";

    private static string JoinPath(IReadOnlyList<string> path)
    {
        foreach (var segment in path)
        {
            RequireIdentifier(segment);
        }

        return string.Join(',', path);
    }
}
