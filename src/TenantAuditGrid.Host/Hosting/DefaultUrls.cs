using TenantAuditGrid.Host.Configuration;

namespace TenantAuditGrid.Host.Hosting;

/// <summary>
/// Where the gateway listens when nobody said: loopback on a laptop (nothing exposed by accident), all interfaces in a cluster pod.
/// <c>--urls</c>, <c>ASPNETCORE_URLS</c> and <c>ASPNETCORE_HTTP_PORTS</c> override it.
/// </summary>
public static class DefaultUrls
{
    public const string Embedded = "http://127.0.0.1:5080";
    public const string Cluster = "http://0.0.0.0:8080";

    public static void Apply(WebApplicationBuilder builder, HostSettings settings)
    {
        var configured = builder.Configuration["urls"] is { Length: > 0 }
                         || builder.Configuration["http_ports"] is { Length: > 0 }
                         || builder.Configuration["https_ports"] is { Length: > 0 };
        if (!configured)
        {
            builder.WebHost.UseUrls(settings.Mode == HostMode.Embedded ? Embedded : Cluster);
        }
    }
}
