using System.Data.Common;

namespace TenantAuditGrid.Store.Query;

/// <summary>
/// The few places where PostgreSQL and SQLite spell the same query differently. Everything else the translator emits
/// is common SQL. Implementations never receive a caller's value: values always travel as parameters.
/// </summary>
public abstract class SqlDialect
{
    public abstract string Name { get; }

    /// <summary>Reads a text property at a fixed JSON path of a JSON expression (path segments come from the EDM model).</summary>
    public abstract string JsonText(string jsonExpression, IReadOnlyList<string> path);

    /// <summary>The JSON value at a fixed path, still as JSON, for feeding into <see cref="JsonArrayElements"/>.</summary>
    public abstract string JsonValue(string jsonExpression, IReadOnlyList<string> path);

    /// <summary>
    /// A FROM item that yields one row per element of the JSON array (no rows when it is missing, null or not an array),
    /// exposing each element as <c>{alias}.value</c>, plus an extra condition that the WHERE clause must include.
    /// </summary>
    public abstract (string FromItem, string Guard) JsonArrayElements(string jsonArrayExpression, string alias);

    /// <summary>
    /// An index-friendly condition implied by "some element of the top-level array <paramref name="collection"/> has
    /// <paramref name="property"/> equal to <paramref name="value"/>, ignoring case", to AND beside the EXISTS; null when the dialect has none.
    /// </summary>
    public virtual string? ArrayContainsHint(string collection, string property, string value, SqlParameters parameters) => null;

    /// <summary>The JSON of an element produced by <see cref="JsonArrayElements"/>.</summary>
    public virtual string ElementJson(string alias) => alias + ".value";

    /// <summary>A prefix test, ignoring case through lower() when asked; the prefix travels as a parameter.</summary>
    public abstract string StartsWith(string textExpression, string prefix, SqlParameters parameters, bool ignoreCase);

    /// <summary>The parameter value for an activityDateTime comparison.</summary>
    public abstract object DateTimeParameter(DateTimeOffset value);

    public abstract DateTimeOffset ReadDateTime(DbDataReader reader, int ordinal);

    /// <summary>Start of the fixed-width time bucket an event falls into (buckets aligned to the Unix epoch, UTC).</summary>
    public abstract string TimeBucket(string dateTimeColumn, TimeSpan interval, SqlParameters parameters);

    public abstract DateTimeOffset ReadTimeBucket(DbDataReader reader, int ordinal);

    public abstract string Limit(string countParameter);

    /// <summary>
    /// Planner settings, run before an aggregation over rollups and for it alone (see the PostgreSQL dialect's); null where the
    /// database has no such choices.
    /// </summary>
    public virtual string? RollupAggregationPrelude => null;

    internal static void RequireIdentifier(string segment)
    {
        // Path segments are EDM property names, never caller text; this guard makes that assumption loud.
        if (segment.Length == 0 || !segment.All(char.IsAsciiLetterOrDigit))
        {
            throw new InvalidOperationException($"JSON path segment '{segment}' is not a plain EDM property name.");
        }
    }
}
