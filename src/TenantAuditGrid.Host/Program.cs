using TenantAuditGrid.Host.Configuration;
using TenantAuditGrid.Host.Health;
using TenantAuditGrid.Host.Hosting;

string? postgres = null;
try
{
    var arguments = HostArguments.Parse(args);
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. arguments.ConfigurationArguments] });
    var settings = HostSettingsLoader.Load(builder.Configuration);
    postgres = HostSettingsLoader.PostgresConnectionString(builder.Configuration);

    if (arguments.Verb == HostVerb.Migrate)
    {
        return await SchemaStep.RunAsync(settings, postgres, CancellationToken.None);
    }

    builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = settings.ShutdownTimeout);
    DefaultUrls.Apply(builder, settings);

    builder.Services.AddHostHealth();
    builder.Services.AddAuditStoreForMode(settings, postgres).AddStoreSchemaAtStartup();
    builder.UseOrleans(silo => SiloConfiguration.Configure(silo, settings, postgres));
    builder.Services.AddProblemDetails();

    var app = builder.Build();
    app.MapHostHealth();

    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupFailure.TryDescribe(e, postgres, out var message, out var exitCode))
{
    Console.Error.WriteLine($"TenantAuditGrid: {message}");
    return exitCode;
}
