using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Store.Tests.Audit;

public sealed class SqliteAuditStoreTests : AuditStoreContractTests
{
    private readonly string directory = Directory.CreateTempSubdirectory("tag-auditstore-").FullName;

    protected override Task RegisterStoreAsync(IServiceCollection collection)
    {
        var path = Path.Combine(directory, "audit.db");
        collection.AddSqliteAuditStore(path).AddSqliteAuditQueries(path);
        return Task.CompletedTask;
    }

    protected override Task DisposeStoreAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return Task.CompletedTask;
    }
}
