using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TenantAuditGrid.Store.Query;

/// <summary>Registers the read side of the audit store (the query services the gateway uses) for one of the two databases.</summary>
public static class AuditQueryServiceCollectionExtensions
{
    public static IServiceCollection AddPostgresAuditQueries(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        services.TryAddSingleton(_ => new AuditQueryDatabase(PostgresDialect.Instance, PostgresDialect.CreateDataSource(connectionString)));
        return services.AddQueryServices();
    }

    public static IServiceCollection AddSqliteAuditQueries(this IServiceCollection services, string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWrite }.ToString();
        services.TryAddSingleton(_ => new AuditQueryDatabase(SqliteDialect.Instance, SqliteFactory.Instance.CreateDataSource(connectionString)));
        return services.AddQueryServices();
    }

    private static IServiceCollection AddQueryServices(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => provider.GetRequiredService<AuditQueryDatabase>().Dialect);
        services.TryAddSingleton<AuditQueryService>();
        services.TryAddSingleton<ITenantScopeProvider, AllTenantsScopeProvider>();
        return services;
    }
}
