using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TenantAuditGrid.Host.Access;
using TenantAuditGrid.Host.Configuration;
using TenantAuditGrid.Host.Hosting;

namespace TenantAuditGrid.Host.Tests.Access;

/// <summary>One route the Host serves and the access its metadata asks for: <c>anonymous</c>, or a role's policy name.</summary>
/// <param name="TenantScoped">Whether the route passes through <see cref="TenantScopeFilter"/>.</param>
public sealed record HostRoute(string Method, string Pattern, string Access, bool TenantScoped)
{
    public override string ToString() => $"{Method} {Pattern} {Access}";
}

/// <summary>
/// Every route of the real Host, read from the endpoint data sources of the very composition Program runs (built, never started),
/// so a route added tomorrow shows up here without anyone listing it.
/// </summary>
public static class HostRouteTable
{
    public static async Task<IReadOnlyList<HostRoute>> ReadAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("tag-routes-").FullName;
        try
        {
            var builder = HostComposition.CreateBuilder(["--data-dir", dataDirectory]);
            var settings = HostSettingsLoader.Load(builder.Configuration);
            await using var app = HostComposition.Build(builder, settings, postgres: null);
            var fallbackPolicy = "Reader";
            return [.. ((IEndpointRouteBuilder)app).DataSources
                .SelectMany(source => source.Endpoints)
                .OfType<RouteEndpoint>()
                .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                    .Select(method => new HostRoute(
                        method,
                        "/" + endpoint.RoutePattern.RawText!.TrimStart('/'),
                        AccessOf(endpoint, fallbackPolicy),
                        endpoint.Metadata.GetMetadata<TenantScopeFilter>() is not null)))
                .OrderBy(route => route.Pattern, StringComparer.Ordinal)
                .ThenBy(route => route.Method, StringComparer.Ordinal)];
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static string AccessOf(Endpoint endpoint, string fallbackPolicy)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return "anonymous";
        }

        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
        return policies switch
        {
            [] => fallbackPolicy,
            [var single] => single,
            _ => string.Join('+', policies),
        };
    }
}
