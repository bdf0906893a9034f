using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TenantAuditGrid.Host.Gateway;
using TenantAuditGrid.Store.Query;
using TenantAuditGrid.Testing;

using TenantAuditGrid.Testing.Audit;

namespace TenantAuditGrid.Host.Tests.Gateway;

/// <summary>The gateway on real Kestrel (127.0.0.1, free port) over a real test database, wired the way the Host wires it.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private GatewayHost(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<GatewayHost> StartAsync(TestStore store, ITenantScopeProvider? scopes = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        if (scopes is not null)
        {
            builder.Services.AddSingleton(scopes);
        }

        _ = store switch
        {
            PostgresTestStore postgres => builder.Services.AddPostgresAuditQueries(postgres.ConnectionString),
            SqliteTestStore sqlite => builder.Services.AddSqliteAuditQueries(sqlite.DatabasePath),
            _ => throw new ArgumentOutOfRangeException(nameof(store)),
        };
        builder.Services.AddGraphGateway();
        // These tests are about the query dialect, on the gateway's routes alone; who may call them is proven against the whole Host
        // (AccessTests), so the routes' authorization metadata is knowingly left without the middleware that enforces it.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteOptions>(o => o.SuppressCheckForUnhandledSecurityMetadata = true);
        var app = builder.Build();
        app.MapGraphGatewayApi();
        await app.StartAsync();
        return new GatewayHost(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
