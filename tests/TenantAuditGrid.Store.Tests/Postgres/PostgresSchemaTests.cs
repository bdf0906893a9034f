using Npgsql;
using TenantAuditGrid.Store;
using TenantAuditGrid.Store.Customers;
using TenantAuditGrid.Store.Postgres;
using TenantAuditGrid.Testing;

namespace TenantAuditGrid.Store.Tests.Postgres;

public sealed class PostgresSchemaTests
{
    [Fact]
    public async Task Applying_twice_leaves_the_same_catalog_as_applying_once()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("schematwice");

        var first = await PostgresSchema.ApplyAsync(database.ConnectionString);
        var afterOnce = await SchemaCatalog.SnapshotAsync(database.ConnectionString);
        var second = await PostgresSchema.ApplyAsync(database.ConnectionString);
        var afterTwice = await SchemaCatalog.SnapshotAsync(database.ConnectionString);

        Assert.Equal(0, first.FromVersion);
        Assert.Equal(PostgresSchema.LatestVersion, first.ToVersion);
        Assert.Equal(SchemaMigration.Postgres.Select(m => m.Name), first.AppliedMigrations);
        Assert.Equal(PostgresSchema.LatestVersion, second.FromVersion);
        Assert.Equal(PostgresSchema.LatestVersion, second.ToVersion);
        Assert.Empty(second.AppliedMigrations);
        Assert.False(second.Changed);
        Assert.Equal(afterOnce, afterTwice);
        Assert.Contains(afterOnce, row => row.StartsWith("column orleans_membership.i_am_alive_time", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_appliers_each_succeed_and_the_migrations_run_once()
    {
        await using var reference = await PostgresServer.CreateDatabaseAsync("schemaref");
        await PostgresSchema.ApplyAsync(reference.ConnectionString);
        await using var database = await PostgresServer.CreateDatabaseAsync("schemaconcurrent");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresSchema.ApplyAsync(database.ConnectionString))));

        Assert.Single(results, r => r.FromVersion == 0 && r.Changed);
        Assert.All(results, r => Assert.Equal(PostgresSchema.LatestVersion, r.ToVersion));
        Assert.Equal(3, results.Count(r => !r.Changed));
        Assert.Equal(await SchemaCatalog.SnapshotAsync(reference.ConnectionString), await SchemaCatalog.SnapshotAsync(database.ConnectionString));
    }

    [Fact]
    public async Task Every_query_key_the_orleans_adonet_providers_read_is_installed()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("schemakeys");
        await PostgresSchema.ApplyAsync(database.ConnectionString);

        string[] required =
        [
            "MembershipReadAllKey", "MembershipReadRowKey", "InsertMembershipKey", "InsertMembershipVersionKey", "UpdateMembershipKey",
            "UpdateIAmAlivetimeKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntryKey",
            "CleanupDefunctSiloEntriesKey",
            "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
            "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "UpsertReminderRowKey",
            "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];
        Assert.Equal(required.Order(StringComparer.Ordinal), await SchemaCatalog.QueryKeysAsync(database.ConnectionString));
    }

    [Fact]
    public async Task A_version_11_database_grants_every_customer_to_each_api_key_it_already_holds()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("schemakeygrants");
        var created = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await BuildVersionAsync(connection, 11);
            foreach (var (keyId, at) in new[] { ("k1", created), ("k2", created.AddDays(1)) })
            {
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO api_keys (key_id, display_name, role, secret_hash, created_at, created_by)
                    VALUES (@key_id, 'script', 'reader', decode(repeat('00', 32), 'hex'), @created_at, 'oid-1')
                    """, connection);
                insert.Parameters.AddWithValue("key_id", keyId);
                insert.Parameters.AddWithValue("created_at", at.UtcDateTime);
                await insert.ExecuteNonQueryAsync();
            }
        }

        var result = await PostgresSchema.ApplyAsync(database.ConnectionString);

        Assert.Equal(11, result.FromVersion);
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var grants = await new PostgresAccessGrantStore(dataSource).ListAsync();
        Assert.Equal(["apiKey:k1", "apiKey:k2"], grants.Select(g => g.Principal));
        Assert.All(grants, g => Assert.Equal((true, 0, "migration"), (g.AllCustomers, g.CustomerIds.Count, g.GrantedBy)));
        Assert.Equal([created, created.AddDays(1)], grants.Select(g => g.GrantedAt));
    }

    /// <summary>A database as a build whose newest migration was <paramref name="version"/> left it, schema_version included.</summary>
    private static async Task BuildVersionAsync(NpgsqlConnection connection, int version)
    {
        await ExecuteAsync(
            connection, "CREATE TABLE schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        foreach (var migration in SchemaMigration.Postgres.Where(m => m.Version <= version))
        {
            await ExecuteAsync(connection, migration.Sql);
            await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES (@version, @name)", connection);
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            await record.ExecuteNonQueryAsync();
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
