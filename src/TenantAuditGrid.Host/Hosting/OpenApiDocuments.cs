using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TenantAuditGrid.Host.Hosting;

/// <summary>
/// Two OpenAPI documents, one per audience: <c>/openapi/api.json</c> for the operator API and <c>/openapi/graph.json</c> for the
/// Graph-compatible surface (whose authoritative contract is Microsoft Graph's own; this lists what the gateway serves of it). Both
/// describe the bearer scheme, and every operation that is not anonymous says which role it needs, read from the same endpoint
/// metadata the authorization middleware enforces.
/// </summary>
public static class OpenApiDocuments
{
    private const string BearerScheme = "bearer";

    public static IServiceCollection AddApiDocuments(this IServiceCollection services)
    {
        services.AddOpenApi("api", o => Describe(o, "api/"));
        services.AddOpenApi("graph", o => Describe(o, "graph/"));
        return services;
    }

    private static void Describe(OpenApiOptions options, string pathPrefix)
    {
        options.ShouldInclude = d => d.RelativePath?.StartsWith(pathPrefix, StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key (tagk_…) or an Entra access token for the product's app registration, whose app roles "
                    + "(TenantAuditGrid.Reader, .Operator, .Admin) decide what the caller may do. See docs/security.md.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any())
            {
                return Task.CompletedTask;
            }

            // Routes without a policy of their own fall back to the Reader policy (AccessPolicies).
            var role = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().LastOrDefault() ?? "Reader";
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
            operation.Description = $"Requires the {role} role (or a higher one). {operation.Description}".TrimEnd();
            operation.Responses ??= [];
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No credential, or an invalid, expired or revoked one." });
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"The caller does not hold the {role} role." });
            return Task.CompletedTask;
        });
    }
}
