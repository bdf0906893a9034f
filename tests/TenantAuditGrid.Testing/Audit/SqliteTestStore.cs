using Microsoft.Data.Sqlite;
using TenantAuditGrid.Store;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Testing.Audit;

public sealed class SqliteTestStore : TestStore
{
    private readonly string directory;

    private SqliteTestStore(string directory, string path)
    {
        this.directory = directory;
        DatabasePath = path;
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        Database = new AuditQueryDatabase(SqliteDialect.Instance, SqliteFactory.Instance.CreateDataSource(connectionString));
    }

    public override string Name => "sqlite";

    public override AuditQueryDatabase Database { get; }

    public string DatabasePath { get; }

    public static async Task<SqliteTestStore> CreateSqliteAsync(string purpose)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"tag-query-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var store = new SqliteTestStore(directory, Path.Combine(directory, "audit.db"));
        await store.StartStoreAsync(services => services.AddSqliteAuditStore(store.DatabasePath));
        return store;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DataSource.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
