using Npgsql;
using TenantAuditGrid.Store;
using TenantAuditGrid.Store.Query;
using TenantAuditGrid.Testing;

namespace TenantAuditGrid.Testing.Audit;

public sealed class PostgresTestStore : TestStore
{
    private readonly TestDatabase database;
    private readonly NpgsqlDataSource dataSource;

    private PostgresTestStore(TestDatabase database, NpgsqlDataSource dataSource)
    {
        this.database = database;
        this.dataSource = dataSource;
        Database = new AuditQueryDatabase(PostgresDialect.Instance, dataSource);
    }

    public override string Name => "postgres";

    public override AuditQueryDatabase Database { get; }

    public string ConnectionString => database.ConnectionString;

    public static async Task<PostgresTestStore> CreatePostgresAsync(string purpose)
    {
        var database = await PostgresServer.CreateDatabaseAsync(purpose);
        var store = new PostgresTestStore(database, NpgsqlDataSource.Create(database.ConnectionString));
        await store.StartStoreAsync(services => services.AddPostgresAuditStore(database.ConnectionString));
        return store;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await dataSource.DisposeAsync();
        await database.DisposeAsync();
    }
}
