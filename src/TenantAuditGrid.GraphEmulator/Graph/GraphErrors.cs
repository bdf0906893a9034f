using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>Graph's error body: <c>{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}</c>.</summary>
internal static class GraphErrors
{
    public const string MissingAuditPermissionMessage = "Calling principal does not have required MSGraph permissions AuditLog.Read.All";
    public const string InsufficientPrivilegesMessage = "Insufficient privileges to complete the operation.";

    public static IResult Result(HttpContext http, DateTimeOffset now, int status, string code, string message, string? innerCode = null) =>
        new GraphErrorResult(now, status, code, message, innerCode);

    public static GraphError PermissionMissing() => new(403, "Authentication_MSGraphPermissionMissing", MissingAuditPermissionMessage);

    public static GraphError RequestDenied() => new(403, "Authorization_RequestDenied", InsufficientPrivilegesMessage);

    private sealed class GraphErrorResult(DateTimeOffset now, int status, string code, string message, string? innerCode) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var requestId = Guid.NewGuid().ToString();
            var clientRequestId = httpContext.Request.Headers["client-request-id"].ToString();
            if (clientRequestId.Length == 0)
            {
                clientRequestId = requestId;
            }

            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "application/json";
            httpContext.Response.Headers["request-id"] = requestId;
            httpContext.Response.Headers["client-request-id"] = clientRequestId;
            var inner = new Dictionary<string, string>();
            if (innerCode is not null)
            {
                inner["code"] = innerCode;
            }

            inner["date"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            inner["request-id"] = requestId;
            inner["client-request-id"] = clientRequestId;
            var body = new Dictionary<string, object> { ["error"] = new Dictionary<string, object> { ["code"] = code, ["message"] = message, ["innerError"] = inner } };
            await JsonSerializer.SerializeAsync(httpContext.Response.Body, body, cancellationToken: httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}

internal sealed record GraphError(int Status, string Code, string Message);
