using Npgsql;
using TenantAuditGrid.Store.Query;
using TenantAuditGrid.Testing;

namespace TenantAuditGrid.Query.Tests.Support;

public sealed class PostgresTestStore : TestStore
{
    private const string Schema = """
        CREATE TABLE audit_events (
            tenant_id text NOT NULL,
            source text NOT NULL,
            id text NOT NULL,
            activity_date_time timestamptz NOT NULL,
            activity_display_name text,
            category text,
            correlation_id text,
            logged_by_service text,
            operation_type text,
            result text,
            result_reason text,
            initiated_by_user_id text,
            initiated_by_user_upn text,
            initiated_by_user_display_name text,
            initiated_by_app_id text,
            initiated_by_app_display_name text,
            payload jsonb NOT NULL,
            ingested_at timestamptz NOT NULL,
            PRIMARY KEY (tenant_id, source, id));
        CREATE INDEX audit_events_keyset ON audit_events (activity_date_time, tenant_id, id);
        CREATE TABLE security_actions (tenant_id text NOT NULL, id text NOT NULL, payload jsonb NOT NULL, PRIMARY KEY (tenant_id, id));
        """;

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

    protected override string PayloadParameter => "CAST(@payload AS jsonb)";

    public static async Task<PostgresTestStore> CreatePostgresAsync(string purpose)
    {
        var database = await PostgresServer.CreateDatabaseAsync(purpose);
        var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using (var command = dataSource.CreateCommand(Schema))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new PostgresTestStore(database, dataSource);
    }

    public override async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await database.DisposeAsync();
    }
}
