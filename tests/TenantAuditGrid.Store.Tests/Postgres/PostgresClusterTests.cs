using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using TenantAuditGrid.Store.Postgres;
using TenantAuditGrid.Store.Tests.GrainStorage;
using TenantAuditGrid.Testing;

namespace TenantAuditGrid.Store.Tests.Postgres;

/// <summary>
/// A two-silo TestingHost cluster whose clustering, grain storage and reminders all run on our own PostgreSQL schema.
/// Each test gets a fresh database and cluster.
/// </summary>
public sealed class PostgresClusterTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private TestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresServer.CreateDatabaseAsync("cluster");
        await PostgresSchema.ApplyAsync(database.ConnectionString);
        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[PostgresSiloConfigurator.ConnectionStringKey] = database.ConnectionString;
        builder.AddSiloBuilderConfigurator<PostgresSiloConfigurator>();
        builder.AddClientBuilderConfigurator<PostgresClientConfigurator>();
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Grain_state_survives_a_kill_of_its_silo_and_is_read_by_the_reactivation_elsewhere()
    {
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("tenant-failover");
        await counter.IncrementAsync();
        await counter.IncrementAsync();
        var hostingSilo = await counter.GetSiloAsync();

        var victim = cluster.GetActiveSilos().Single(s => s.SiloAddress.ToString() == hostingSilo);
        await cluster.KillSiloAsync(victim);
        await cluster.WaitForLivenessToStabilizeAsync();

        Assert.Equal(2, await counter.GetAsync());
        Assert.NotEqual(hostingSilo, await counter.GetSiloAsync());
        Assert.Equal(3, await counter.IncrementAsync());
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM orleans_storage WHERE grain_type = 'counter'"));
    }

    [Fact]
    public async Task A_registered_reminder_is_stored_and_read_back()
    {
        var grain = cluster.GrainFactory.GetGrain<IReminderGrain>("tenant-reminders");
        await grain.RegisterAsync("sync-keepalive");
        await grain.RegisterAsync("coverage-audit");

        Assert.Equal(["coverage-audit", "sync-keepalive"], await grain.GetReminderNamesAsync());
        Assert.Equal(2, await ScalarAsync<long>("SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%tenant-reminders%'"));
    }

    [Fact]
    public async Task Membership_rows_appear_for_each_silo_and_a_dead_silos_row_is_cleaned_up()
    {
        Assert.Equal(2, await ScalarAsync<long>("SELECT count(*) FROM orleans_membership WHERE status = 3"));

        var victim = cluster.Silos[1];
        await cluster.KillSiloAsync(victim);
        await cluster.WaitForLivenessToStabilizeAsync();
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM orleans_membership WHERE status = 6"));

        var survivor = Assert.IsType<InProcessSiloHandle>(cluster.Silos.Single(s => s != victim));
        var membershipTable = survivor.SiloHost.Services.GetRequiredService<IMembershipTable>();
        await membershipTable.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);

        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM orleans_membership WHERE status = 6"));
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM orleans_membership WHERE status = 3"));
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM orleans_membership"));
    }

    [Fact]
    public async Task The_adonet_storage_on_our_schema_rejects_stale_and_duplicate_writes_and_clears_by_reset()
    {
        var storage = SiloServices().GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var grainId = GrainId.Create("counter", "direct");
        var state = new GrainState<CounterState>(new CounterState { Value = 1 });
        await storage.WriteStateAsync("counter", grainId, state);
        var staleETag = state.ETag;
        state.State!.Value = 2;
        await storage.WriteStateAsync("counter", grainId, state);

        var stale = new GrainState<CounterState> { State = new CounterState { Value = 99 }, ETag = staleETag };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grainId, stale));
        var duplicateFirstWrite = new GrainState<CounterState>(new CounterState { Value = 98 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grainId, duplicateFirstWrite));

        Assert.Equal(
            "{\"Value\":2,\"History\":[]}",
            await ScalarAsync<string>("SELECT convert_from(payload_binary, 'UTF8') FROM orleans_storage WHERE grain_type = 'counter'"));

        await storage.ClearStateAsync("counter", grainId, state);
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("counter", grainId, read);
        Assert.False(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM orleans_storage WHERE grain_type = 'counter' AND payload_binary IS NULL"));
    }

    [Fact]
    public async Task The_adonet_storage_with_delete_on_clear_removes_the_row()
    {
        var storage = SiloServices().GetRequiredKeyedService<IGrainStorage>(PostgresSiloConfigurator.DeleteOnClearStorage);
        var grainId = GrainId.Create("counter", "deleted");
        var state = new GrainState<CounterState>(new CounterState { Value = 1 });
        await storage.WriteStateAsync("deletable", grainId, state);
        var stale = new GrainState<CounterState> { State = new CounterState(), ETag = state.ETag, RecordExists = true };
        await storage.WriteStateAsync("deletable", grainId, state);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("deletable", grainId, stale));

        await storage.ClearStateAsync("deletable", grainId, state);

        Assert.Null(state.ETag);
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM orleans_storage WHERE grain_type = 'deletable'"));
    }

    private IServiceProvider SiloServices() => Assert.IsType<InProcessSiloHandle>(cluster.Silos[0]).SiloHost.Services;

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
