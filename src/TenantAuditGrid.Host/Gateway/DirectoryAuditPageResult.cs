using System.Text.Json;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>A Graph collection page: @odata.context, @odata.count (when asked), value, @odata.nextLink (when more remain).</summary>
internal sealed class DirectoryAuditPageResult(DirectoryAuditPage page, DirectoryAuditQuery query, SkipTokenProtector skipTokens) : IResult
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
        writer.WriteString("@odata.context", $"{GatewayUrls.ServiceRoot(request, query.TenantId, "v1.0")}/$metadata#auditLogs/directoryAudits{select}");
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
