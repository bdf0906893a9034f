using System.Globalization;
using System.Text.Json;

namespace TenantAuditGrid.Store.Mapping;

/// <summary>Reads optional members of Graph JSON objects; a missing member and a JSON null both read as null.</summary>
internal static class GraphJson
{
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static JsonElement? Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    /// <summary>Graph timestamps are ISO 8601 in UTC; ones carrying an offset are converted to UTC.</summary>
    public static DateTimeOffset? Timestamp(JsonElement element, string name)
    {
        var text = String(element, name);
        if (text is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new ArgumentException($"'{name}' is not an ISO 8601 timestamp.", nameof(element));
        }

        return value.ToUniversalTime();
    }
}
