using Microsoft.AspNetCore.Http.Extensions;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>The absolute URLs a Graph response carries (@odata.context, @odata.nextLink), built from the request as received.</summary>
internal static class GatewayUrls
{
    public static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>The service root of the route the request came through, e.g. <c>…/graph/v1.0</c> or <c>…/graph/tenants/{id}/beta</c>.</summary>
    public static string ServiceRoot(HttpRequest request, string? tenantId, string version) =>
        tenantId is null ? $"{Root(request)}/graph/{version}" : $"{Root(request)}/graph/tenants/{tenantId}/{version}";

    /// <summary>The <c>@odata.context</c> of a collection as served through the request's route, e.g. <c>…/graph/v1.0/$metadata#auditLogs/directoryAudits</c>.</summary>
    public static string MetadataContext(HttpRequest request, string? tenantId, AuditCollection collection) =>
        $"{ServiceRoot(request, tenantId, collection.GraphVersion)}/$metadata#{collection.ContextPath}";

    /// <summary>The request's own URL with <c>$skiptoken</c> replaced: every other option survives verbatim.</summary>
    public static string NextLink(HttpRequest request, string skipToken)
    {
        var query = new QueryBuilder();
        foreach (var (name, values) in request.Query)
        {
            if (name.Equals("$skiptoken", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values)
            {
                query.Add(name, value ?? string.Empty);
            }
        }

        query.Add("$skiptoken", skipToken);
        return $"{Root(request)}{request.Path}{query.ToQueryString()}";
    }

    public static IEnumerable<KeyValuePair<string, string?>> QueryPairs(HttpRequest request) =>
        request.Query.SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string?>(pair.Key, value)));
}
