namespace TenantAuditGrid.Host.Gateway;

/// <summary>Handlers of <c>…/beta/security/securityActions[/{id}]</c>, across tenants (tenantId null) or for one tenant.</summary>
internal static class SecurityActions
{
    public static async Task<IResult> ListAsync(HttpContext http, GraphGatewayContext gateway, string? tenantId)
    {
        var cancellationToken = http.RequestAborted;
        var query = gateway.SecurityActionParser.Parse(GatewayUrls.QueryPairs(http.Request), tenantId);
        var scope = await gateway.Scopes.GetScopeAsync(cancellationToken);
        var page = await gateway.SecurityActions.ReadPageAsync(query, scope, cancellationToken);
        return new SecurityActionPageResult(page, query, gateway.SkipTokens);
    }

    public static async Task<IResult> GetAsync(HttpContext http, GraphGatewayContext gateway, string? tenantId, string id)
    {
        var cancellationToken = http.RequestAborted;
        var normalizedTenant = tenantId is null ? null : Store.Query.TenantIds.Normalize(tenantId);
        var scope = await gateway.Scopes.GetScopeAsync(cancellationToken);
        var rows = await gateway.SecurityActions.FindAsync(id, normalizedTenant, scope, cancellationToken);
        switch (rows.Count)
        {
            case 0:
                return gateway.NotFound($"Resource '{Store.Query.TenantIds.Truncate(id)}' does not exist.");
            case > 1:
                return gateway.BadRequest($"More than one tenant has a securityAction with id '{Store.Query.TenantIds.Truncate(id)}'; ask /graph/tenants/{{tenantId}}/beta/security/securityActions/{{id}} instead.");
            default:
                var context = $"{GatewayUrls.ServiceRoot(http.Request, normalizedTenant, "beta")}/$metadata#security/securityActions/$entity";
                return new GraphEntityResult(context, rows[0].PayloadJson, rows[0].TenantId);
        }
    }
}
