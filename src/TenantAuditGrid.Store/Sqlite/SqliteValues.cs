using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace TenantAuditGrid.Store.Sqlite;

/// <summary>
/// How values are stored in SQLite: timestamps as fixed-width UTC ISO 8601 text (so text order is time order),
/// JSON as text, lists as JSON arrays.
/// </summary>
internal static class SqliteValues
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static object Timestamp(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture) : DBNull.Value;

    public static object Text(string? value) => (object?)value ?? DBNull.Value;

    public static string List(IReadOnlyCollection<string> values) => JsonSerializer.Serialize(values);

    public static DateTimeOffset? ReadTimestamp(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal)
            ? null
            : DateTimeOffset.ParseExact(reader.GetString(ordinal), TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string? ReadText(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static string[] ReadList(SqliteDataReader reader, int ordinal) =>
        JsonSerializer.Deserialize<string[]>(reader.GetString(ordinal)) ?? [];

    public static JsonElement ReadJson(SqliteDataReader reader, int ordinal)
    {
        using var document = JsonDocument.Parse(reader.GetString(ordinal));
        return document.RootElement.Clone();
    }

    public static void Add(this SqliteParameterCollection parameters, string name, object value) => parameters.AddWithValue(name, value);
}
