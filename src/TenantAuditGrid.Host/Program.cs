using TenantAuditGrid.Host.Configuration;
using TenantAuditGrid.Host.Demo;
using TenantAuditGrid.Host.Hosting;

string? postgres = null;
try
{
    var arguments = HostArguments.Parse(args);
    var builder = HostComposition.CreateBuilder(arguments.ConfigurationArguments);
    var settings = HostSettingsLoader.Load(builder.Configuration);
    postgres = HostSettingsLoader.PostgresConnectionString(builder.Configuration);
    LoggingDefaults.Apply(builder.Configuration, settings);

    if (arguments.Verb == HostVerb.Migrate)
    {
        return await SchemaStep.RunAsync(settings, postgres, CancellationToken.None);
    }

    await using var emulator = settings.Demo ? await DemoEnvironment.StartAsync(builder, CancellationToken.None) : null;
    var app = HostComposition.Build(builder, settings, postgres);

    // Options registered with ValidateOnStart are checked now, before the host starts anything (the silo included) and before it
    // would log the failure with a stack trace: StartupFailure turns them into one line each.
    app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
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
