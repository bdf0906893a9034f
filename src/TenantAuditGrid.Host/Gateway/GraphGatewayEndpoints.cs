using Microsoft.AspNetCore.Http.HttpResults;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>
/// The Graph-compatible read surface (<c>/graph/…</c>, Graph's JSON and error shapes) and the reports API
/// (<c>/api/reports/…</c>, RFC 7807 problem details).
/// </summary>
public static class GraphGatewayEndpoints
{
    public static IEndpointRouteBuilder MapGraphGatewayApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var allTenants = endpoints.MapGroup("/graph").WithTags("Graph gateway").AddEndpointFilter(GraphErrors);
        allTenants.MapGet("/v1.0/auditLogs/directoryAudits", (HttpContext http, GraphGatewayContext gateway) => DirectoryAudits.ListAsync(http, gateway, null))
            .WithName("ListDirectoryAudits").WithSummary("directoryAudits across every tenant the caller may see (Graph v1.0 OData).");
        allTenants.MapGet("/v1.0/auditLogs/directoryAudits/{id}", (HttpContext http, GraphGatewayContext gateway, string id) => DirectoryAudits.GetAsync(http, gateway, null, id))
            .WithName("GetDirectoryAudit").WithSummary("One directoryAudit by id, when exactly one visible tenant has it.");
        allTenants.MapGet("/beta/security/securityActions", (HttpContext http, GraphGatewayContext gateway) => SecurityActions.ListAsync(http, gateway, null))
            .WithName("ListSecurityActions").WithSummary("securityActions across every tenant the caller may see (Graph beta).");
        allTenants.MapGet("/beta/security/securityActions/{id}", (HttpContext http, GraphGatewayContext gateway, string id) => SecurityActions.GetAsync(http, gateway, null, id))
            .WithName("GetSecurityAction");

        var oneTenant = endpoints.MapGroup("/graph/tenants/{tenantId}").WithTags("Graph gateway (one tenant)").AddEndpointFilter(GraphErrors);
        oneTenant.MapGet("/v1.0/auditLogs/directoryAudits", (HttpContext http, GraphGatewayContext gateway, string tenantId) => DirectoryAudits.ListAsync(http, gateway, tenantId))
            .WithName("ListTenantDirectoryAudits").WithSummary("directoryAudits of one tenant; the base URL works as a GraphServiceClient baseUrl.");
        oneTenant.MapGet("/v1.0/auditLogs/directoryAudits/{id}", (HttpContext http, GraphGatewayContext gateway, string tenantId, string id) => DirectoryAudits.GetAsync(http, gateway, tenantId, id))
            .WithName("GetTenantDirectoryAudit");
        oneTenant.MapGet("/beta/security/securityActions", (HttpContext http, GraphGatewayContext gateway, string tenantId) => SecurityActions.ListAsync(http, gateway, tenantId))
            .WithName("ListTenantSecurityActions");
        oneTenant.MapGet("/beta/security/securityActions/{id}", (HttpContext http, GraphGatewayContext gateway, string tenantId, string id) => SecurityActions.GetAsync(http, gateway, tenantId, id))
            .WithName("GetTenantSecurityAction");

        var reports = endpoints.MapGroup("/api/reports").WithTags("Reports").AddEndpointFilter(ProblemErrors);
        reports.MapGet("/directoryAudits/counts", DirectoryAuditReports.CountsAsync)
            .WithName("CountDirectoryAudits")
            .WithSummary("Event counts grouped by any of tenantId, category, result, activityDisplayName, loggedByService, operationType, in 15m/1h/1d buckets.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    private static async ValueTask<object?> GraphErrors(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        IResult Error(int status, string code, string message) => new GraphErrorResult(status, code, message, clock);
        return await Guard(context, next, Error);
    }

    private static async ValueTask<object?> ProblemErrors(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        static IResult Error(int status, string code, string message) =>
            TypedResults.Problem(detail: message, statusCode: status, title: status == StatusCodes.Status400BadRequest ? "Invalid query" : "Unavailable");
        return await Guard(context, next, Error);
    }

    private static async ValueTask<object?> Guard(EndpointFilterInvocationContext context, EndpointFilterDelegate next, Func<int, string, string, IResult> error)
    {
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("TenantAuditGrid.Host.Gateway");
        try
        {
            var result = await next(context);
            return result is IResult inner ? new GuardedResult(inner, error, logger) : result;
        }
        catch (QueryValidationException ex)
        {
            return error(StatusCodes.Status400BadRequest, ex.Code, ex.Message);
        }
        catch (System.Data.Common.DbException ex) when (!context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            GatewayLog.StoreUnavailable(logger, ex);
            return error(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "The audit store is unavailable; retry later.");
        }
    }
}
