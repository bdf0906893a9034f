using System.Text.Json;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>Writes stored Graph payloads back out as Graph items: properties verbatim, optionally narrowed by $select, plus tenantId.</summary>
internal static class GraphJson
{
    public const string TenantIdProperty = "tenantId";

    public static void WriteItem(Utf8JsonWriter writer, string payloadJson, string tenantId, IReadOnlyList<string>? select)
    {
        using var document = JsonDocument.Parse(payloadJson);
        writer.WriteStartObject();
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals(TenantIdProperty) || (select is not null && !Selected(select, property.Name)))
                {
                    continue;
                }

                property.WriteTo(writer);
            }
        }

        writer.WriteString(TenantIdProperty, tenantId);
        writer.WriteEndObject();
    }

    private static bool Selected(IReadOnlyList<string> select, string name)
    {
        foreach (var selected in select)
        {
            if (string.Equals(selected, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
