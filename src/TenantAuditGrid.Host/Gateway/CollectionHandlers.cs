using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>
/// Handlers of a collection's Graph routes, <c>…/{version}/{collection}</c> and <c>…/{version}/{collection}/{id}</c>, across
/// tenants (tenantId null) or for one tenant. Every collection is served by these two.
/// </summary>
internal static class CollectionHandlers
{
    public static async Task<IResult> ListAsync(HttpContext http, GraphGatewayContext gateway, AuditCollection collection, string? tenantId)
    {
        var cancellationToken = http.RequestAborted;
        var format = collection.Exportable ? ExportFormats.Negotiate(http.Request) : ExportFormat.GraphJson;
        var query = gateway.Parser.Parse(collection, GatewayUrls.QueryPairs(http.Request), tenantId);
        var scope = await gateway.Scopes.GetScopeAsync(cancellationToken);
        if (format == ExportFormat.GraphJson)
        {
            var page = await gateway.Queries.ReadPageAsync(query, scope, cancellationToken);
            return new CollectionPageResult(page, query, gateway.SkipTokens);
        }

        // An export streams every match; $top caps it only when the caller gave one.
        return new DirectoryAuditExportResult(gateway.Queries.StreamAsync(query, scope, query.RequestedTop, cancellationToken), format, query.Select);
    }

    public static async Task<IResult> GetAsync(HttpContext http, GraphGatewayContext gateway, AuditCollection collection, string? tenantId, string id)
    {
        var cancellationToken = http.RequestAborted;
        var normalizedTenant = tenantId is null ? null : TenantIds.Normalize(tenantId);
        var scope = await gateway.Scopes.GetScopeAsync(cancellationToken);
        var rows = await gateway.Queries.FindAsync(collection, id, normalizedTenant, scope, cancellationToken);
        switch (rows.Count)
        {
            case 0:
                return gateway.NotFound($"Resource '{CallerText.Quote(id)}' does not exist or one of its queried reference-property objects are not present.");
            case > 1:
                return gateway.BadRequest($"More than one tenant has a {collection.EntityName} with id '{CallerText.Quote(id)}'; "
                    + $"ask /graph/tenants/{{tenantId}}/{collection.GraphVersion}/{collection.ContextPath}/{{id}} instead.");
            default:
                return new GraphEntityResult($"{GatewayUrls.MetadataContext(http.Request, normalizedTenant, collection)}/$entity", rows[0].PayloadJson, rows[0].TenantId);
        }
    }
}
