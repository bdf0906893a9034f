using System.Text.Json;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>
/// A page in Graph's collection shape: @odata.context, @odata.count (when asked), value (each item with tenantId),
/// @odata.nextLink (when more remain).
/// </summary>
internal sealed class CollectionPageResult(CollectionPage page, CollectionQuery query, SkipTokenProtector skipTokens) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; odata.metadata=minimal";

        var select = query.Select is null ? string.Empty : $"({string.Join(',', query.Select)})";
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("@odata.context", $"{GatewayUrls.MetadataContext(request, query.TenantId, query.Collection)}{select}");
        if (page.TotalCount is { } count)
        {
            writer.WriteNumber("@odata.count", count);
        }

        writer.WriteStartArray("value");
        foreach (var row in page.Rows)
        {
            GraphJson.WriteItem(writer, row.PayloadJson, row.TenantId, query.Select);
        }

        writer.WriteEndArray();
        if (page.Next is { } next)
        {
            writer.WriteString("@odata.nextLink", GatewayUrls.NextLink(request, skipTokens.Protect(next, query.Fingerprint)));
        }

        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
