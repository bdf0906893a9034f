using System.Text.Json;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>A single Graph entity: its payload with @odata.context first and tenantId added.</summary>
internal sealed class GraphEntityResult(string context, string payloadJson, string tenantId) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; odata.metadata=minimal";
        using var document = JsonDocument.Parse(payloadJson);
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("@odata.context", context);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (!property.NameEquals(GraphJson.TenantIdProperty) && !property.NameEquals("@odata.context"))
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteString(GraphJson.TenantIdProperty, tenantId);
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
