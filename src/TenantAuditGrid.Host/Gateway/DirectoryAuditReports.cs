namespace TenantAuditGrid.Host.Gateway;

/// <summary>Handler of <c>GET /api/reports/directoryAudits/counts</c>.</summary>
internal static class DirectoryAuditReports
{
    public static async Task<IResult> CountsAsync(HttpContext http, GraphGatewayContext gateway)
    {
        var query = gateway.Parser.ParseCounts(GatewayUrls.QueryPairs(http.Request));
        var scope = await gateway.Scopes.GetScopeAsync(http.RequestAborted);
        return new DirectoryAuditCountsResult(query, gateway.Queries.CountByAsync(query, scope, http.RequestAborted));
    }
}
