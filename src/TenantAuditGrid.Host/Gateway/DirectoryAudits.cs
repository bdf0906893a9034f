namespace TenantAuditGrid.Host.Gateway;

/// <summary>Handlers of <c>…/v1.0/auditLogs/directoryAudits[/{id}]</c>, across tenants (tenantId null) or for one tenant.</summary>
internal static class DirectoryAudits
{
    public static async Task<IResult> ListAsync(HttpContext http, GraphGatewayContext gateway, string? tenantId)
    {
        var cancellationToken = http.RequestAborted;
        var format = ExportFormats.Negotiate(http.Request, out var formatError);
        if (format is null)
        {
            return gateway.BadRequest(formatError!);
        }

        var query = gateway.DirectoryAuditParser.Parse(GatewayUrls.QueryPairs(http.Request), tenantId);
        var scope = await gateway.Scopes.GetScopeAsync(cancellationToken);
        if (format == ExportFormat.GraphJson)
        {
            var page = await gateway.DirectoryAudits.ReadPageAsync(query, scope, cancellationToken);
            return new DirectoryAuditPageResult(page, query, gateway.SkipTokens);
        }

        // An export streams every match; $top caps it only when the caller gave one.
        var limit = http.Request.Query.ContainsKey("$top") ? query.Top : (int?)null;
        return new DirectoryAuditExportResult(gateway.DirectoryAudits.StreamAsync(query, scope, limit, cancellationToken), format.Value, query.Select);
    }

    public static async Task<IResult> GetAsync(HttpContext http, GraphGatewayContext gateway, string? tenantId, string id)
    {
        var cancellationToken = http.RequestAborted;
        var normalizedTenant = tenantId is null ? null : Store.Query.TenantIds.Normalize(tenantId);
        var scope = await gateway.Scopes.GetScopeAsync(cancellationToken);
        var lookup = await gateway.DirectoryAudits.FindAsync(id, normalizedTenant, scope, cancellationToken);
        if (lookup.Ambiguous)
        {
            return gateway.BadRequest($"More than one tenant has a directoryAudit with id '{Store.Query.TenantIds.Truncate(id)}'; ask /graph/tenants/{{tenantId}}/v1.0/auditLogs/directoryAudits/{{id}} instead.");
        }

        if (lookup.Row is not { } row)
        {
            return gateway.NotFound($"Resource '{Store.Query.TenantIds.Truncate(id)}' does not exist or one of its queried reference-property objects are not present.");
        }

        var context = $"{GatewayUrls.ServiceRoot(http.Request, normalizedTenant, "v1.0")}/$metadata#auditLogs/directoryAudits/$entity";
        return new GraphEntityResult(context, row.PayloadJson, row.TenantId);
    }
}
