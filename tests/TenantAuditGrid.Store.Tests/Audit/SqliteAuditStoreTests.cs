using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace TenantAuditGrid.Store.Tests.Audit;

public sealed class SqliteAuditStoreTests : AuditStoreContractTests
{
    private readonly string directory = Directory.CreateTempSubdirectory("tag-auditstore-").FullName;

    protected override Task RegisterStoreAsync(IServiceCollection collection)
    {
        collection.AddSqliteAuditStore(Path.Combine(directory, "audit.db"));
        return Task.CompletedTask;
    }

    protected override Task DisposeStoreAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return Task.CompletedTask;
    }
}
