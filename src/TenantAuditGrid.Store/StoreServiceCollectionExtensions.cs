using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TenantAuditGrid.Abstractions;
using TenantAuditGrid.Store.Customers;
using TenantAuditGrid.Store.Keys;
using TenantAuditGrid.Store.Postgres;
using TenantAuditGrid.Store.SessionKeys;
using TenantAuditGrid.Store.Sqlite;

namespace TenantAuditGrid.Store;

/// <summary>
/// Registers the audit store, the tenant status store, the API key, customer and access grant stores and the schema step for one of the two
/// modes.
/// </summary>
public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Cluster mode: <see cref="IAuditStore"/>, <see cref="ITenantStatusStore"/>, <see cref="IApiKeyStore"/>, <see cref="ICustomerStore"/>,
    /// <see cref="IAccessGrantStore"/> and <see cref="IStoreSchema"/> on PostgreSQL.
    /// </summary>
    public static IServiceCollection AddPostgresAuditStore(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(PostgresAuditDataSource.Create(connectionString));
        services.AddSingleton<IAuditStore>(sp =>
            new PostgresAuditStore(sp.GetRequiredService<PostgresAuditDataSource>().DataSource, IngestionClock(sp)));
        services.AddSingleton<ITenantStatusStore>(sp => new PostgresTenantStatusStore(sp.GetRequiredService<PostgresAuditDataSource>().DataSource));
        services.AddSingleton<IApiKeyStore>(sp => new PostgresApiKeyStore(sp.GetRequiredService<PostgresAuditDataSource>().DataSource));
        services.AddSingleton<ICustomerStore>(sp => new PostgresCustomerStore(sp.GetRequiredService<PostgresAuditDataSource>().DataSource));
        services.AddSingleton<IAccessGrantStore>(sp => new PostgresAccessGrantStore(sp.GetRequiredService<PostgresAuditDataSource>().DataSource));
        services.AddSingleton<ISessionKeyStore>(sp => new PostgresSessionKeyStore(sp.GetRequiredService<PostgresAuditDataSource>().DataSource));
        services.AddSingleton<IStoreSchema>(new PostgresStoreSchema(connectionString));
        return services;
    }

    // Ingestion times are product time, the clock sync and the budget run on (the emulator's in the demo and benchmarks), so that
    // "ingested minus visible" is measured on one timeline. Orleans keeps the default TimeProvider, which must stay the system clock.
    private static TimeProvider IngestionClock(IServiceProvider services) =>
        services.GetKeyedService<TimeProvider>(ProductClock.ServiceKey) ?? services.GetRequiredService<TimeProvider>();

    /// <summary>Embedded mode: the same services on one SQLite file.</summary>
    public static IServiceCollection AddSqliteAuditStore(this IServiceCollection services, string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IAuditStore>(sp => new SqliteAuditStore(databasePath, IngestionClock(sp)));
        services.AddSingleton<ITenantStatusStore>(new SqliteTenantStatusStore(databasePath));
        services.AddSingleton<IApiKeyStore>(new SqliteApiKeyStore(databasePath));
        services.AddSingleton<ICustomerStore>(new SqliteCustomerStore(databasePath));
        services.AddSingleton<IAccessGrantStore>(new SqliteAccessGrantStore(databasePath));
        services.AddSingleton<ISessionKeyStore>(new SqliteSessionKeyStore(databasePath));
        services.AddSingleton<IStoreSchema>(new SqliteStoreSchema(databasePath));
        return services;
    }
}
