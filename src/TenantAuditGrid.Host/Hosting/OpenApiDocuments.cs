namespace TenantAuditGrid.Host.Hosting;

/// <summary>
/// Two OpenAPI documents, one per audience: <c>/openapi/api.json</c> for the operator API and <c>/openapi/graph.json</c> for the
/// Graph-compatible surface (whose authoritative contract is Microsoft Graph's own; this lists what the gateway serves of it).
/// </summary>
public static class OpenApiDocuments
{
    public static IServiceCollection AddApiDocuments(this IServiceCollection services)
    {
        services.AddOpenApi("api", o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        services.AddOpenApi("graph", o => o.ShouldInclude = d => d.RelativePath?.StartsWith("graph/", StringComparison.Ordinal) == true);
        return services;
    }
}
