using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>Handler of <c>GET /api/reports/directoryAudits/counts</c>.</summary>
internal static class DirectoryAuditReports
{
    public static async Task<IResult> CountsAsync(HttpContext http, GraphGatewayContext gateway)
    {
        var request = http.Request;
        foreach (var (name, values) in request.Query)
        {
            if (values.Count > 1)
            {
                throw new QueryValidationException($"The query option '{TenantIds.Truncate(name)}' is specified more than once.");
            }

            if (name is not ("groupBy" or "interval" or "$filter" or "tenantId"))
            {
                throw new QueryValidationException($"The query option '{TenantIds.Truncate(name)}' is not supported here. Supported: groupBy, interval, $filter.");
            }
        }

        var interval = request.Query["interval"].FirstOrDefault();
        var query = AuditCountsQueryParser.Parse(request.Query["groupBy"].FirstOrDefault(), interval, request.Query["$filter"].FirstOrDefault(), routeTenantId: null);
        var scope = await gateway.Scopes.GetScopeAsync(http.RequestAborted);
        return new DirectoryAuditCountsResult(query, interval, gateway.DirectoryAudits.CountByAsync(query, scope, http.RequestAborted));
    }
}
