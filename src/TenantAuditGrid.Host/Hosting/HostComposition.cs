using TenantAuditGrid.Host.Access;
using TenantAuditGrid.Host.Api.Consent;
using TenantAuditGrid.Host.Api.Credentials;
using TenantAuditGrid.Host.Api.Customers;
using TenantAuditGrid.Host.Api.Grants;
using TenantAuditGrid.Host.Api.Keys;
using TenantAuditGrid.Host.Api.Operators;
using TenantAuditGrid.Host.Api.SignIn;
using TenantAuditGrid.Host.Api.Tenants;
using TenantAuditGrid.Host.Configuration;
using TenantAuditGrid.Host.Demo;
using TenantAuditGrid.Host.Gateway;
using TenantAuditGrid.Host.Health;
using TenantAuditGrid.Host.Telemetry;

namespace TenantAuditGrid.Host.Hosting;

/// <summary>
/// The host's services, middleware and routes: the one composition Program runs and the route-table test inspects, so the table
/// the test walks is the one the product serves.
/// </summary>
public static class HostComposition
{
    /// <summary>The builder Program uses: appsettings.json beside the executable, the arguments as configuration.</summary>
    public static WebApplicationBuilder CreateBuilder(IReadOnlyList<string> configurationArguments) =>
        WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. configurationArguments],
            // The working directory only decides where relative data paths land.
            ContentRootPath = AppContext.BaseDirectory,
        });

    public static WebApplication Build(WebApplicationBuilder builder, HostSettings settings, string? postgres)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = settings.ShutdownTimeout);
        DefaultUrls.Apply(builder, settings);
        MasterKeyConfiguration.Apply(builder, settings);

        // The first hosted service, so the schema is in place before anything that starts reads the store: data protection's key
        // ring (registered with authentication) loads at start.
        builder.Services.AddStoreSchemaAtStartup();
        builder.AddTenantAuditGridTelemetry();
        builder.Services.AddHostHealth();
        builder.Services.AddTenantAuditGrid(builder.Configuration);
        builder.Services.AddOperatorAccess(builder.Configuration);
        builder.Services.AddSessionKeyRing();
        builder.Services.AddSingleton<ApiKeyIssuer>();
        builder.Services.AddSingleton<VisibleCustomers>();
        builder.Services.AddGraphGateway();
        builder.Services.AddApiDocuments();
        builder.Services.AddAuditStoreForMode(settings, postgres);
        if (settings.Mode == HostMode.Embedded)
        {
            // After the schema step, which registered first and so starts first.
            builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<BootstrapAdminKey>(sp, EmbeddedPaths.AdminApiKey(settings)));
            builder.Services.AddHostedService(sp => sp.GetRequiredService<BootstrapAdminKey>());
        }

        builder.UseOrleans(silo => SiloConfiguration.Configure(silo, settings, postgres));

        // Work that calls grains is registered after the silo: hosted services stop in reverse order, so it finishes before the silo leaves.
        if (settings.Mode == HostMode.Embedded)
        {
            builder.Services.AddHostedService<TenantWakeup>();
        }

        if (settings.Demo)
        {
            builder.Services.AddSingleton(settings);
            builder.Services.AddHostedService<DemoOnboarding>();
        }

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseAuthentication();
        app.UseSessionAntiforgery();
        app.UseAuthorization();
        app.MapHostHealth();
        app.MapHomePage();
        app.MapSignInApi();
        app.MapMeApi();
        app.MapApiKeysApi();
        app.MapCustomersApi();
        app.MapGrantsApi();
        app.MapTenantsApi();
        app.MapConsentApi();
        app.MapCredentialKeysApi();
        app.MapGraphGatewayApi();
        app.MapOpenApi();
        return app;
    }
}
