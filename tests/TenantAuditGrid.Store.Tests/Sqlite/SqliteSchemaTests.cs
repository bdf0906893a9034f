using System.Globalization;
using Microsoft.Data.Sqlite;
using TenantAuditGrid.Store.Customers;
using TenantAuditGrid.Store.Sqlite;

namespace TenantAuditGrid.Store.Tests.Sqlite;

/// <summary>
/// Embedded stores are upgraded in place when a newer build starts on an existing data directory. A version-N store is one that
/// migrations 001 to N built; those scripts are never edited after release, which <see cref="ReleasedMigrationsTests"/> enforces.
/// </summary>
public sealed class SqliteSchemaTests : IDisposable
{
    private const int EventsPerTenant = 40;
    private const string EmptyObject = "'{}'";
    private readonly string directory = Directory.CreateTempSubdirectory("tag-sqlite-schema-").FullName;

    private string DatabasePath => Path.Combine(directory, "audit.db");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_version_3_store_gains_the_newest_first_index_and_keeps_its_events_actions_and_counts(bool builtWithTheIndexIn001)
    {
        await using (var connection = await OpenAsync())
        {
            await BuildVersionAsync(connection, 3);
            if (builtWithTheIndexIn001)
            {
                // The builds that had moved the index into 001 after it shipped created version-3 stores that already hold it.
                await ExecuteAsync(connection, "CREATE INDEX ix_security_actions_newest ON security_actions (created_date_time DESC, tenant_id DESC, id DESC)");
            }

            await SeedAsync(connection);
        }

        var before = await SnapshotAsync();
        var result = await new SqliteStoreSchema(DatabasePath).ApplyAsync();

        Assert.Equal(new StoreSchemaResult(3, SqliteStoreSchema.LatestVersion), result);
        Assert.Equal(before, await SnapshotAsync());
        await using var upgraded = await OpenAsync();
        Assert.Equal(SqliteStoreSchema.LatestVersion, await ScalarAsync(upgraded, "PRAGMA user_version"));
        Assert.Equal(1, await ScalarAsync(upgraded, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_security_actions_newest'"));
        var plan = await PlanAsync(upgraded, "SELECT id FROM security_actions ORDER BY created_date_time DESC, tenant_id DESC, id DESC LIMIT 10");
        Assert.Contains("ix_security_actions_newest", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_5_store_grants_every_customer_to_each_api_key_it_already_holds()
    {
        var created = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        await using (var connection = await OpenAsync())
        {
            await BuildVersionAsync(connection, 5);
            foreach (var (keyId, at) in new[] { ("k1", created), ("k2", created.AddDays(1)) })
            {
                await ExecuteAsync(
                    connection,
                    $"INSERT INTO api_keys (key_id, display_name, role, secret_hash, created_at, created_by) VALUES ('{keyId}', 'script', 'reader', zeroblob(32), '{Timestamp(at)}', 'oid-1')");
            }
        }

        await new SqliteStoreSchema(DatabasePath).ApplyAsync();

        var grants = await new SqliteAccessGrantStore(DatabasePath).ListAsync();
        Assert.Equal(["apiKey:k1", "apiKey:k2"], grants.Select(g => g.Principal));
        Assert.All(grants, g => Assert.Equal((true, 0, "migration"), (g.AllCustomers, g.CustomerIds.Count, g.GrantedBy)));
        Assert.Equal([created, created.AddDays(1)], grants.Select(g => g.GrantedAt));
    }

    [Fact]
    public async Task A_new_store_reaches_the_latest_version_and_a_second_apply_changes_nothing()
    {
        var schema = new SqliteStoreSchema(DatabasePath);

        Assert.Equal(new StoreSchemaResult(0, SqliteStoreSchema.LatestVersion), await schema.ApplyAsync());
        Assert.Equal(new StoreSchemaResult(SqliteStoreSchema.LatestVersion, SqliteStoreSchema.LatestVersion), await schema.ApplyAsync());
        await using var connection = await OpenAsync();
        Assert.Equal(SqliteStoreSchema.LatestVersion, await ScalarAsync(connection, "PRAGMA user_version"));
    }

    [Fact]
    public async Task A_store_newer_than_this_build_is_refused_and_left_as_it_is()
    {
        var newer = SqliteStoreSchema.LatestVersion + 1;
        await using (var connection = await OpenAsync())
        {
            await ExecuteAsync(connection, $"PRAGMA user_version = {newer}");
        }

        var error = await Assert.ThrowsAsync<StoreSchemaTooNewException>(() => new SqliteStoreSchema(DatabasePath).ApplyAsync());

        Assert.Equal((newer, SqliteStoreSchema.LatestVersion), (error.StoreVersion, error.BuildVersion));
        await using var after = await OpenAsync();
        Assert.Equal(newer, await ScalarAsync(after, "PRAGMA user_version"));
        Assert.Equal(0, await ScalarAsync(after, "SELECT count(*) FROM sqlite_master"));
    }

    private static async Task BuildVersionAsync(SqliteConnection connection, int version)
    {
        foreach (var migration in SchemaMigration.Sqlite.Where(m => m.Version <= version))
        {
            await ExecuteAsync(connection, migration.Sql);
        }

        await ExecuteAsync(connection, $"PRAGMA user_version = {version}");
    }

    // Events spread over hours and categories so the rollups have several buckets, and actions with and without a creation time.
    private static async Task SeedAsync(SqliteConnection connection)
    {
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var tenant in new[] { "tenant-a", "tenant-b" })
        {
            for (var i = 0; i < EventsPerTenant; i++)
            {
                var at = Timestamp(start.AddMinutes(37 * i));
                await ExecuteAsync(
                    connection,
                    $"""
                    INSERT INTO audit_events (tenant_id, source, id, activity_date_time, activity_display_name, category, result, payload, ingested_at)
                    VALUES ('{tenant}', 'graph', 'event-{i}', '{at}', 'Add user', '{(i % 3 == 0 ? "Policy" : "UserManagement")}', 'success', {EmptyObject}, '{at}')
                    """);
                var created = i % 10 == 0 ? "NULL" : $"'{at}'";
                await ExecuteAsync(
                    connection,
                    $"""
                    INSERT INTO security_actions (tenant_id, id, name, status, created_date_time, payload, updated_at)
                    VALUES ('{tenant}', 'action-{i}', 'Block IP', 'completed', {created}, {EmptyObject}, '{at}')
                    """);
            }
        }
    }

    private async Task<string> SnapshotAsync()
    {
        await using var connection = await OpenAsync();
        var parts = new List<string>();
        foreach (var table in new[] { "audit_events", "security_actions" })
        {
            parts.Add($"{table}={await ScalarAsync(connection, $"SELECT count(*) FROM {table}")}");
        }

        foreach (var rollup in new[] { "audit_event_counts_hourly", "audit_event_counts_daily", "audit_event_counts_category_hourly", "audit_event_counts_category_daily" })
        {
            parts.Add($"{rollup}={await ScalarAsync(connection, $"SELECT count(*) || ':' || sum(event_count) FROM {rollup}")}");
        }

        return string.Join(' ', parts);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = new SqliteCommand(sql, connection);
        var value = (await command.ExecuteScalarAsync())!;
        return value is long number ? checked((int)number) : value;
    }

    private static async Task<string> PlanAsync(SqliteConnection connection, string sql)
    {
        await using var command = new SqliteCommand("EXPLAIN QUERY PLAN " + sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var steps = new List<string>();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }

        return string.Join('\n', steps);
    }

    private static string Timestamp(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
