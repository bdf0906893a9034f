using Microsoft.AspNetCore.Http.HttpResults;
using TenantAuditGrid.Host.Access;
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

        var allTenants = endpoints.MapGroup("/graph").WithTags("Graph gateway").AddEndpointFilter(GraphErrors).RequireRole(OperatorRole.Reader);
        var oneTenant = endpoints.MapGroup("/graph/tenants/{tenantId}").WithTags("Graph gateway (one tenant)").AddEndpointFilter(GraphErrors)
            .RequireRole(OperatorRole.Reader);
        TenantScopeFilter.Apply(oneTenant, (http, tenantId) => http.RequestServices.GetRequiredService<GraphGatewayContext>().NotFound(
            $"Resource '{tenantId}' does not exist or one of its queried reference-property objects are not present."));
        MapCollection(allTenants, oneTenant, AuditCollection.DirectoryAudits);
        MapCollection(allTenants, oneTenant, AuditCollection.SecurityActions);

        var reports = endpoints.MapGroup("/api/reports").WithTags("Reports").AddEndpointFilter(ProblemErrors).RequireRole(OperatorRole.Reader);
        reports.MapGet("/directoryAudits/counts", DirectoryAuditReports.CountsAsync)
            .WithName("CountDirectoryAudits")
            .WithSummary("Event counts grouped by any of tenantId, category, result, activityDisplayName, loggedByService, operationType, in 15m/1h/1d buckets.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    /// <summary>A collection's list and get-by-id routes, across tenants and per tenant: the only routes a new collection needs.</summary>
    private static void MapCollection(RouteGroupBuilder allTenants, RouteGroupBuilder oneTenant, AuditCollection collection)
    {
        var typeName = char.ToUpperInvariant(collection.EntityName[0]) + collection.EntityName[1..];
        var path = $"/{collection.GraphVersion}/{collection.ContextPath}";
        allTenants.MapGet(path, (HttpContext http, GraphGatewayContext gateway) => CollectionHandlers.ListAsync(http, gateway, collection, null))
            .WithName($"List{typeName}s").WithSummary($"{collection.Name} across every tenant the caller may see (Graph {collection.GraphVersion}).");
        allTenants.MapGet($"{path}/{{id}}", (HttpContext http, GraphGatewayContext gateway, string id) => CollectionHandlers.GetAsync(http, gateway, collection, null, id))
            .WithName($"Get{typeName}").WithSummary($"One {collection.EntityName} by id, when exactly one visible tenant has it.");
        oneTenant.MapGet(path, (HttpContext http, GraphGatewayContext gateway, string tenantId) => CollectionHandlers.ListAsync(http, gateway, collection, tenantId))
            .WithName($"ListTenant{typeName}s").WithSummary($"{collection.Name} of one tenant; the base URL works as a GraphServiceClient baseUrl.");
        oneTenant.MapGet($"{path}/{{id}}", (HttpContext http, GraphGatewayContext gateway, string tenantId, string id) => CollectionHandlers.GetAsync(http, gateway, collection, tenantId, id))
            .WithName($"GetTenant{typeName}").WithSummary($"One {collection.EntityName} of one tenant by id.");
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
