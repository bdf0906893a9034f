using TenantAuditGrid.Store;
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
}
