using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Configuration.Overrides;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using TenantAuditGrid.Store.GrainStorage;

namespace TenantAuditGrid.Store;

/// <summary>Registers <see cref="SqliteGrainStorage"/> on a silo.</summary>
public static class SqliteGrainStorageSiloBuilderExtensions
{
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(this ISiloBuilder builder, Action<SqliteGrainStorageOptions> configure) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<SqliteGrainStorageOptions>(name)
            .Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.DatabasePath), $"SqliteGrainStorage '{name}': DatabasePath is required.");
        builder.Services.AddTransient<IPostConfigureOptions<SqliteGrainStorageOptions>,
            DefaultStorageProviderSerializerOptionsConfigurator<SqliteGrainStorageOptions>>();
        builder.Services.AddGrainStorage(name, static (services, providerName) =>
        {
            var options = services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(providerName);
            var clusterOptions = OptionsOverrides.GetProviderClusterOptions(services, providerName).Value;
            return new SqliteGrainStorage(providerName, clusterOptions.ServiceId, options);
        });
        return builder;
    }
}
