using System.Text.Json;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>A page of beta securityActions in Graph's collection shape, each item with tenantId.</summary>
internal sealed class SecurityActionPageResult(SecurityActionPage page, SecurityActionQuery query, SkipTokenProtector skipTokens) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; odata.metadata=minimal";
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("@odata.context", $"{GatewayUrls.ServiceRoot(request, query.TenantId, "beta")}/$metadata#security/securityActions");
        if (page.TotalCount is { } count)
        {
            writer.WriteNumber("@odata.count", count);
        }

        writer.WriteStartArray("value");
        foreach (var row in page.Rows)
        {
            GraphJson.WriteItem(writer, row.PayloadJson, row.TenantId, select: null);
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
