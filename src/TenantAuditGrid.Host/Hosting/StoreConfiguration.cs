using TenantAuditGrid.Host.Configuration;
using TenantAuditGrid.Store;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Hosting;

/// <summary>Picks the audit store for the mode: SQLite under the data directory, or PostgreSQL.</summary>
public static class StoreConfiguration
{
    public static IServiceCollection AddAuditStoreForMode(this IServiceCollection services, HostSettings settings, string? postgresConnectionString)
    {
        if (settings.Mode == HostMode.Embedded)
        {
            Directory.CreateDirectory(settings.DataDirectoryFullPath);
            var path = EmbeddedPaths.AuditStore(settings);
            return services.AddSqliteAuditStore(path).AddSqliteAuditQueries(path);
        }

        return services.AddPostgresAuditStore(postgresConnectionString!).AddPostgresAuditQueries(postgresConnectionString!);
    }

    /// <summary>
    /// Must be called before UseOrleans so it starts first: the ADO.NET providers read their queries from the schema when the silo starts.
    /// </summary>
    public static IServiceCollection AddStoreSchemaAtStartup(this IServiceCollection services) =>
        services.AddHostedService<StoreSchemaStartup>();
}
