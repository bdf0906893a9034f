using Microsoft.Data.Sqlite;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Query.Tests.Support;

public sealed class SqliteTestStore : TestStore
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE audit_events (
            tenant_id TEXT NOT NULL,
            source TEXT NOT NULL,
            id TEXT NOT NULL,
            activity_date_time TEXT NOT NULL,
            activity_display_name TEXT,
            category TEXT,
            correlation_id TEXT,
            logged_by_service TEXT,
            operation_type TEXT,
            result TEXT,
            result_reason TEXT,
            initiated_by_user_id TEXT,
            initiated_by_user_upn TEXT,
            initiated_by_user_display_name TEXT,
            initiated_by_app_id TEXT,
            initiated_by_app_display_name TEXT,
            payload TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            PRIMARY KEY (tenant_id, source, id));
        CREATE INDEX audit_events_keyset ON audit_events (activity_date_time, tenant_id, id);
        CREATE TABLE security_actions (tenant_id TEXT NOT NULL, id TEXT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (tenant_id, id));
        """;

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

    protected override string PayloadParameter => "@payload";

    public static async Task<SqliteTestStore> CreateSqliteAsync(string purpose)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"tag-query-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var store = new SqliteTestStore(directory, Path.Combine(directory, "audit.db"));
        await using var connection = await store.Database.DataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync();
        return store;
    }

    public override async ValueTask DisposeAsync()
    {
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
