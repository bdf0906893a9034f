using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
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

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
