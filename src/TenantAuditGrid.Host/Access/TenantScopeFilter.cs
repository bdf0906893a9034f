using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Access;

/// <summary>
/// Every route that names a tenant in its path passes through here: a tenant outside the caller's scope is answered 404, exactly as
/// a tenant that does not exist, so tenant ids cannot be probed. Ids that are not GUIDs go on to the handler, which says why.
/// </summary>
public sealed class TenantScopeFilter
{
    public const string RouteValue = "tenantId";

    private TenantScopeFilter()
    {
    }

    /// <summary>Endpoint metadata that says the filter is on the route; the route-table test looks for it.</summary>
    public static TenantScopeFilter Marker { get; } = new();

    /// <summary>Adds the filter; <paramref name="notFound"/> answers in the route's own error shape.</summary>
    public static TBuilder Apply<TBuilder>(TBuilder builder, Func<HttpContext, string, IResult> notFound)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(Marker);
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.GetRouteValue(RouteValue) is string raw && TenantKeys.TryNormalize(raw, out var tenantId))
            {
                var scope = await http.RequestServices.GetRequiredService<ITenantScopeProvider>().GetScopeAsync(http.RequestAborted);
                if (scope.VisibleTenants is { } visible && !visible.Contains(tenantId))
                {
                    return notFound(http, tenantId);
                }
            }

            return await next(context);
        });
        return builder;
    }
}
