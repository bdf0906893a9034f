using System.Data.Common;
using System.Globalization;

namespace TenantAuditGrid.Store.Query;

/// <summary>
/// SQLite: payload is JSON text, activity_date_time is ISO-8601 UTC text with seven fractional digits
/// (<see cref="DateTimeFormat"/>), so text order is time order.
/// </summary>
public sealed class SqliteDialect : SqlDialect
{
    public const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static SqliteDialect Instance { get; } = new();

    public override string Name => "SQLite";

    public override string JsonText(string jsonExpression, IReadOnlyList<string> path) =>
        $"json_extract({jsonExpression}, '{JsonPath(path)}')";

    public override string JsonValue(string jsonExpression, IReadOnlyList<string> path) =>
        $"json_extract({jsonExpression}, '{JsonPath(path)}')";

    // json_each over a scalar or null yields that one value as a row, so the guard keeps arrays only.
    public override (string FromItem, string Guard) JsonArrayElements(string jsonArrayExpression, string alias) =>
        ($"json_each(CASE WHEN json_type({jsonArrayExpression}) = 'array' THEN {jsonArrayExpression} ELSE '[]' END) AS {alias}",
            "TRUE");

    // SQLite's LIKE ignores ASCII case only (and not at all under case_sensitive_like), so the prefix is compared directly.
    public override string StartsWith(string textExpression, string prefix, SqlParameters parameters, bool ignoreCase)
    {
        var parameter = parameters.Add(prefix);
        return ignoreCase
            ? $"substr(lower({textExpression}), 1, length({parameter})) = lower({parameter})"
            : $"substr({textExpression}, 1, length({parameter})) = {parameter}";
    }

    public override object DateTimeParameter(DateTimeOffset value) =>
        value.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    public override DateTimeOffset ReadDateTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(reader.GetString(ordinal), DateTimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override string TimeBucket(string dateTimeColumn, TimeSpan interval, SqlParameters parameters)
    {
        var seconds = parameters.Add((long)interval.TotalSeconds);
        return $"((CAST(strftime('%s', substr({dateTimeColumn}, 1, 19)) AS INTEGER) / {seconds}) * {seconds})";
    }

    public override DateTimeOffset ReadTimeBucket(DbDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(ordinal));

    public override string Limit(string countParameter) => $"LIMIT {countParameter}";

    private static string JsonPath(IReadOnlyList<string> path)
    {
        foreach (var segment in path)
        {
            RequireIdentifier(segment);
        }

        return "$." + string.Join('.', path);
    }
}
