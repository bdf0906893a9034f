using Microsoft.Extensions.DependencyInjection;
using TenantAuditGrid.Store.Query;
using TenantAuditGrid.Testing;

namespace TenantAuditGrid.Store.Tests.Audit;

public sealed class PostgresAuditStoreTests : AuditStoreContractTests
{
    private TestDatabase? database;

    protected override async Task RegisterStoreAsync(IServiceCollection collection)
    {
        database = await PostgresServer.CreateDatabaseAsync("auditstore");
        collection.AddPostgresAuditStore(database.ConnectionString).AddPostgresAuditQueries(database.ConnectionString);
    }

    protected override async Task DisposeStoreAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
