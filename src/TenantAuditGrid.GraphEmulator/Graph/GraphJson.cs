using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>Source-generated serialization of the directoryAudit shape (camelCase, nulls written, UTC instants with 'Z').</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(GraphInstantConverter)])]
[JsonSerializable(typeof(AuditEvent))]
internal sealed partial class GraphJsonContext : JsonSerializerContext;

/// <summary>Graph writes instants as UTC with a 'Z', not as an offset.</summary>
internal sealed class GraphInstantConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
