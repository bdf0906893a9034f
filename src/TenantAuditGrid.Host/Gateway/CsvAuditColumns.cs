using System.Text;
using System.Text.Json;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>
/// The flat CSV shape of a directoryAudit: scalar properties as they are, initiatedBy as dotted columns, and the collections
/// (targetResources, additionalDetails) as "|"-joined lists of their identifying fields.
/// </summary>
internal static class CsvAuditColumns
{
    public static IReadOnlyList<string> Headers { get; } =
    [
        "tenantId", "id", "activityDateTime", "activityDisplayName", "category", "correlationId", "loggedByService",
        "operationType", "result", "resultReason",
        "initiatedBy.user.id", "initiatedBy.user.userPrincipalName", "initiatedBy.user.displayName", "initiatedBy.user.ipAddress",
        "initiatedBy.app.appId", "initiatedBy.app.displayName", "initiatedBy.app.servicePrincipalId", "initiatedBy.app.servicePrincipalName",
        "targetResources.id", "targetResources.displayName", "targetResources.type", "targetResources.userPrincipalName",
        "additionalDetails",
    ];

    public static void WriteRow(TextWriter writer, string tenantId, string payloadJson)
    {
        using var document = JsonDocument.Parse(payloadJson);
        var root = document.RootElement;
        var cells = new string?[Headers.Count];
        cells[0] = tenantId;
        for (var i = 1; i < 10; i++)
        {
            cells[i] = Text(root, Headers[i]);
        }

        cells[10] = Text(root, "initiatedBy", "user", "id");
        cells[11] = Text(root, "initiatedBy", "user", "userPrincipalName");
        cells[12] = Text(root, "initiatedBy", "user", "displayName");
        cells[13] = Text(root, "initiatedBy", "user", "ipAddress");
        cells[14] = Text(root, "initiatedBy", "app", "appId");
        cells[15] = Text(root, "initiatedBy", "app", "displayName");
        cells[16] = Text(root, "initiatedBy", "app", "servicePrincipalId");
        cells[17] = Text(root, "initiatedBy", "app", "servicePrincipalName");
        cells[18] = Joined(root, "targetResources", e => Text(e, "id"));
        cells[19] = Joined(root, "targetResources", e => Text(e, "displayName"));
        cells[20] = Joined(root, "targetResources", e => Text(e, "type"));
        cells[21] = Joined(root, "targetResources", e => Text(e, "userPrincipalName"));
        cells[22] = Joined(root, "additionalDetails", e => $"{Text(e, "key")}={Text(e, "value")}");
        WriteCells(writer, cells);
    }

    public static void WriteHeader(TextWriter writer) => WriteCells(writer, Headers);

    private static void WriteCells(TextWriter writer, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            WriteCell(writer, cells[i]);
        }

        writer.Write("\r\n");
    }

    // RFC 4180: quote a cell that holds a separator, a quote or a line break, doubling the quotes inside.
    private static void WriteCell(TextWriter writer, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    private static string? Text(JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => current.GetRawText(),
        };
    }

    private static string? Joined(JsonElement root, string collection, Func<JsonElement, string?> part)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(collection, out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var builder = new StringBuilder();
        foreach (var item in items.EnumerateArray())
        {
            if (builder.Length > 0)
            {
                builder.Append('|');
            }

            builder.Append(part(item));
        }

        return builder.ToString();
    }
}
