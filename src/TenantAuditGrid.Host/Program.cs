using TenantAuditGrid.Host.Api.Consent;
using TenantAuditGrid.Host.Api.Credentials;
using TenantAuditGrid.Host.Api.Tenants;
using TenantAuditGrid.Host.Configuration;
using TenantAuditGrid.Host.Demo;
using TenantAuditGrid.Host.Gateway;
using TenantAuditGrid.Host.Health;
using TenantAuditGrid.Host.Hosting;
using TenantAuditGrid.Host.Telemetry;

string? postgres = null;
try
{
    var arguments = HostArguments.Parse(args);
    // appsettings.json ships beside the executable; the working directory only decides where relative data paths land.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = [.. arguments.ConfigurationArguments],
        ContentRootPath = AppContext.BaseDirectory,
    });
    var settings = HostSettingsLoader.Load(builder.Configuration);
    postgres = HostSettingsLoader.PostgresConnectionString(builder.Configuration);
    LoggingDefaults.Apply(builder.Configuration, settings);

    if (arguments.Verb == HostVerb.Migrate)
    {
        return await SchemaStep.RunAsync(settings, postgres, CancellationToken.None);
    }

    builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = settings.ShutdownTimeout);
    DefaultUrls.Apply(builder, settings);
    MasterKeyConfiguration.Apply(builder, settings);
    await using var emulator = settings.Demo ? await DemoEnvironment.StartAsync(builder, CancellationToken.None) : null;

    builder.AddTenantAuditGridTelemetry();
    builder.Services.AddHostHealth();
    builder.Services.AddTenantAuditGrid(builder.Configuration);
    builder.Services.AddGraphGateway();
    builder.Services.AddApiDocuments();
    builder.Services.AddAuditStoreForMode(settings, postgres).AddStoreSchemaAtStartup();
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

    // Options registered with ValidateOnStart are checked now, before the host starts anything (the silo included) and before it
    // would log the failure with a stack trace: StartupFailure turns them into one line each.
    app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
    app.UseExceptionHandler();
    app.MapHostHealth();
    app.MapTenantsApi();
    app.MapConsentApi();
    app.MapCredentialKeysApi();
    app.MapGraphGatewayApi();
    app.MapOpenApi();

    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupFailure.TryDescribe(e, postgres, out var messages, out var exitCode))
{
    foreach (var message in messages)
    {
        Console.Error.WriteLine($"TenantAuditGrid: {message}");
    }

    return exitCode;
}
