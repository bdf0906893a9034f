using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using TenantAuditGrid.Store.Postgres;
using TenantAuditGrid.Store.Sqlite;

namespace TenantAuditGrid.Store;

/// <summary>Registers the audit store, the tenant status store and the schema step for one of the two modes.</summary>
public static class StoreServiceCollectionExtensions
{
    /// <summary>Cluster mode: <see cref="IAuditStore"/>, <see cref="ITenantStatusStore"/> and <see cref="IStoreSchema"/> on PostgreSQL.</summary>
    public static IServiceCollection AddPostgresAuditStore(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new PostgresAuditDataSource(NpgsqlDataSource.Create(connectionString)));
        services.AddSingleton<IAuditStore>(sp =>
            new PostgresAuditStore(sp.GetRequiredService<PostgresAuditDataSource>().DataSource, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ITenantStatusStore>(sp => new PostgresTenantStatusStore(sp.GetRequiredService<PostgresAuditDataSource>().DataSource));
        services.AddSingleton<IStoreSchema>(new PostgresStoreSchema(connectionString));
        return services;
    }

    /// <summary>Embedded mode: the same services on one SQLite file.</summary>
    public static IServiceCollection AddSqliteAuditStore(this IServiceCollection services, string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IAuditStore>(sp => new SqliteAuditStore(databasePath, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ITenantStatusStore>(new SqliteTenantStatusStore(databasePath));
        services.AddSingleton<IStoreSchema>(new SqliteStoreSchema(databasePath));
        return services;
    }
}
