using System.Text.Json;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>Graph's error body: <c>{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}</c>.</summary>
public sealed class GraphErrorResult(int statusCode, string code, string message, TimeProvider clock) : IResult
{
    public int StatusCode => statusCode;

    public string Code => code;

    public string Message => message;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("code", code);
        writer.WriteString("message", message);
        writer.WriteStartObject("innerError");
        writer.WriteString("date", clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("request-id", httpContext.TraceIdentifier);
        if (httpContext.Request.Headers["client-request-id"].ToString() is { Length: > 0 and <= 128 } clientRequestId)
        {
            writer.WriteString("client-request-id", clientRequestId);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
