using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using TenantAuditGrid.Abstractions;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Host.Hosting;
using TenantAuditGrid.Store;
using TenantAuditGrid.Store.Query;
using TenantAuditGrid.Testing;
using TenantAuditGrid.Testing.Audit;
using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.Bench.Sync;

/// <summary>
/// The product as cluster mode runs it, in this process: one Orleans silo with the product's services (<c>AddTenantAuditGrid</c>: tenant,
/// sync and budget grains, Graph access), grain state, reminders and audit data on PostgreSQL, and the Graph emulator over HTTPS with
/// Graph's real throttle limits. The product clock is the emulator's, and so is the store's (ingested_at), so every time in a report
/// is emulated time.
/// </summary>
internal sealed class ProductSilo : IAsyncDisposable
{
    private const string AdoNetInvariant = "Npgsql";

    private int startRetries;

    private ProductSilo(GraphEmulatorServer emulator, InProcessTestCluster cluster, TestDatabase database)
    {
        Emulator = emulator;
        Cluster = cluster;
        Database = database;
    }

    public GraphEmulatorServer Emulator { get; }

    public InProcessTestCluster Cluster { get; }

    public TestDatabase Database { get; }

    public IGrainFactory Grains => Cluster.Client;

    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    /// <summary>What the audit store holds, read with plain SQL for comparison with the emulator's ground truth.</summary>
    public StoredAudit Stored => new(SiloServices.GetRequiredService<AuditQueryDatabase>());

    public TimeProvider Clock => Emulator.Clock;

    public static async Task<ProductSilo> StartAsync(ScenarioArguments arguments, EmulatorOptions emulatorOptions, IDictionary<string, string?>? settings = null)
    {
        var server = arguments.PostgresServer is { Length: > 0 } given
            ? given
            : throw new ArgumentException($"No PostgreSQL server: pass --postgres \"Host=…;Username=…\" or set {ScenarioArguments.PostgresEnvironmentVariable} (./build.sh with-postgres gives one).");
        var database = await PostgresServer.CreateDatabaseAsync("bench" + arguments.Scenario, server);
        await using (var schema = new ServiceCollection().AddPostgresAuditStore(database.ConnectionString).BuildServiceProvider())
        {
            // The Orleans tables and query texts must exist before the silo's storage providers start.
            await schema.GetRequiredService<IStoreSchema>().ApplyAsync(CancellationToken.None);
        }

        var emulator = await GraphEmulatorServer.StartAsync(emulatorOptions);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(emulator, settings)).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseSystemTextJsonGrainStorageSerializer();
            silo.AddAdoNetGrainStorageAsDefault(o =>
            {
                o.Invariant = AdoNetInvariant;
                o.ConnectionString = database.ConnectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = AdoNetInvariant;
                o.ConnectionString = database.ConnectionString;
            });
            silo.Services.AddKeyedSingleton<TimeProvider>(ProductClock.ServiceKey, emulator.Clock);
            silo.Services.AddTenantAuditGrid(configuration);
            silo.Services.AddPostgresAuditStore(database.ConnectionString).AddPostgresAuditQueries(database.ConnectionString);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ProductSilo(emulator, cluster, database);
    }

    /// <summary>
    /// Starts the directoryAudits sync of every emulated tenant, as the tenant grain does after a good probe. A start is idempotent, so
    /// one that times out is sent again: at 1,000 tenants the first syncs' pages keep PostgreSQL (on the same two cores) busy enough
    /// that a start's state and reminder writes can take longer than Orleans' 30 s response timeout, as an operator's retry would see.
    /// </summary>
    public async Task StartDirectoryAuditSyncAsync()
    {
        var credential = new SharedAppTenantCredential(1);
        await Parallel.ForEachAsync(Emulator.Control.Tenants(), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (tenant, _) =>
        {
            var start = new SyncStart(credential, tenant.Licence.AsProductLicence(), null);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await Grains.SourceSync(tenant.Id.ToString(), AuditSource.DirectoryAudits).StartAsync(start);
                    return;
                }
                catch (TimeoutException) when (attempt < 5)
                {
                    Interlocked.Increment(ref startRetries);
                }
            }
        });
    }

    /// <summary>How many sync starts timed out and were sent again (reported by the scenarios).</summary>
    public int StartRetries => startRetries;

    public async Task<SourceSyncStatus[]> DirectoryAuditStatusesAsync() =>
        await Task.WhenAll(Emulator.Control.Tenants().Select(t => Grains.SourceSync(t.Id.ToString(), AuditSource.DirectoryAudits).GetStatusAsync()));

    public async Task StopDirectoryAuditSyncAsync() =>
        await Task.WhenAll(Emulator.Control.Tenants().Select(t => Grains.SourceSync(t.Id.ToString(), AuditSource.DirectoryAudits).StopAsync()));

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Emulator.DisposeAsync();
        await Database.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(GraphEmulatorServer emulator, IDictionary<string, string?>? overrides)
    {
        var settings = EmulatedGraphSettings.For(
            emulator.BaseAddress, emulator.Certificate.Thumbprint, emulator.SharedApp.ClientId, emulator.SharedApp.ClientSecret);
        settings["TenantAuditGrid:Credentials:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
