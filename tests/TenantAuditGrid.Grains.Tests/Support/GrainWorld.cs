using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using TenantAuditGrid.Abstractions;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Grains.Budget;
using TenantAuditGrid.Grains.Sync;
using TenantAuditGrid.Graph;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Store;
using TenantAuditGrid.Store.Query;
using TenantAuditGrid.Testing.Audit;
using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.Grains.Tests.Support;

/// <summary>
/// The real thing, small: the Graph emulator over HTTPS with its clock sped up, a real Orleans cluster whose product clock is the
/// emulator's, the real Graph access layer, throttle budget, tenant and sync grains, and a real audit store (PostgreSQL or SQLite).
/// </summary>
public sealed class GrainWorld : IAsyncDisposable
{
    private GrainWorld(GraphEmulatorServer emulator, InProcessTestCluster cluster, StoredAudit stored, Testing.TestDatabase? database, string? directory)
    {
        Emulator = emulator;
        Cluster = cluster;
        Stored = stored;
        this.database = database;
        this.directory = directory;
    }

    private const string AuditDatabaseFile = "audit.db";

    private readonly Testing.TestDatabase? database;
    private readonly string? directory;

    public GraphEmulatorServer Emulator { get; }

    public InProcessTestCluster Cluster { get; }

    /// <summary>What the audit store holds, read with plain SQL for comparison with the emulator's ground truth.</summary>
    public StoredAudit Stored { get; }

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The silo's services: the stores and helpers the grains use, for a test to set up or read back through.</summary>
    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    public IReadOnlyList<string> TenantIds => Emulator.Control.Tenants().Select(t => t.Id.ToString()).ToList();

    public static async Task<GrainWorld> StartAsync(StoreKind kind, EmulatorOptions emulatorOptions, IDictionary<string, string?>? settings = null)
    {
        var emulator = await GraphEmulatorServer.StartAsync(emulatorOptions);
        Testing.TestDatabase? database = null;
        string? directory = null;
        Action<ISiloBuilder> addStore;
        if (kind == StoreKind.Postgres)
        {
            var db = await Testing.PostgresServer.CreateDatabaseAsync("sync");
            database = db;
            addStore = silo =>
            {
                silo.AddMemoryGrainStorageAsDefault();
                silo.Services.AddPostgresAuditStore(db.ConnectionString).AddPostgresAuditQueries(db.ConnectionString);
            };
        }
        else
        {
            // Embedded mode as the Host runs it: grain state and audit data both in SQLite files, so every restart reloads the
            // sync state through the real storage provider and its serializer.
            directory = Directory.CreateTempSubdirectory("tag-sync-").FullName;
            var path = Path.Combine(directory, AuditDatabaseFile);
            var grains = Path.Combine(directory, "grains.db");
            addStore = silo =>
            {
                silo.AddSqliteGrainStorageAsDefault(o => o.DatabasePath = grains);
                silo.Services.AddSqliteAuditStore(path).AddSqliteAuditQueries(path);
            };
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(emulator, settings)).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseInMemoryReminderService();
            silo.Services.AddKeyedSingleton<TimeProvider>(ProductClock.ServiceKey, emulator.Clock);
            silo.Services.AddTenantGraphAccess(configuration);
            silo.Services.AddGraphBudget(configuration);
            silo.Services.AddSourceSync(configuration);
            addStore(silo);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        var services = cluster.Silos[0].ServiceProvider;
        await services.GetRequiredService<IStoreSchema>().ApplyAsync();
        return new GrainWorld(emulator, cluster, new StoredAudit(services.GetRequiredService<AuditQueryDatabase>()), database, directory);
    }

    /// <summary>
    /// The comparison the sync engine is judged by: for every tenant, the stored ids against what the emulator showed at its last
    /// sweep. A row under any other source would also be wrong here, so the tenant's total count must equal its Graph ids.
    /// </summary>
    public async Task<GroundTruthComparison> CompareWithGroundTruthAsync()
    {
        var total = GroundTruthComparison.Zero;
        foreach (var tenant in Emulator.Control.Tenants())
        {
            var id = tenant.Id.ToString();
            var status = await Grains.SourceSync(id, AuditSource.DirectoryAudits).GetStatusAsync();
            var ids = await Stored.DirectoryAuditIdsAsync(id, AuditSources.Graph);
            var all = await Stored.CountDirectoryAuditsAsync(id);
            var tenantResult = GroundTruthComparison.AtLastSweep(
                Emulator.Control, tenant.Id, ids, status.LastSweepAt ?? throw new InvalidOperationException($"{id} never swept"));
            total = total.Plus(tenantResult with { Duplicates = tenantResult.Duplicates + Math.Abs(all - ids.Count) });
        }

        return total;
    }

    /// <summary>What the tenant grain would start the sync with once its probe read the emulated tenant's licence.</summary>
    public static SyncStart StartFor(TenantInfo tenant, ISyncHealthSink? sink = null) =>
        new(new SharedAppTenantCredential(1), tenant.Licence.AsProductLicence(), sink);

    public ISyncHealthSink HealthSink(string key) => Grains.GetGrain<ISyncHealthSink>(key, typeof(RecordingHealthSink).FullName);

    public async Task StartAllAsync(ISyncHealthSink? sink = null, AuditSource source = AuditSource.DirectoryAudits)
    {
        foreach (var tenant in Emulator.Control.Tenants())
        {
            await Grains.SourceSync(tenant.Id.ToString(), source).StartAsync(StartFor(tenant, sink));
        }
    }

    public Task<SourceSyncStatus[]> StatusesAsync(AuditSource source = AuditSource.DirectoryAudits) =>
        Task.WhenAll(TenantIds.Select(id => Grains.SourceSync(id, source).GetStatusAsync()));

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Emulator.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        if (directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Dictionary<string, string?> Settings(GraphEmulatorServer emulator, IDictionary<string, string?>? overrides)
    {
        var settings = EmulatedGraphSettings.For(
            emulator.BaseAddress, emulator.Certificate.Thumbprint, emulator.SharedApp.ClientId, emulator.SharedApp.ClientSecret);
        settings["TenantAuditGrid:Credentials:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        // Real-time tick; everything else is on the emulator's sped-up clock.
        settings["TenantAuditGrid:Sync:TickInterval"] = "00:00:00.100";
        settings["TenantAuditGrid:Sync:MaxTickWork"] = "00:00:02";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}

public enum StoreKind
{
    Postgres,
    Sqlite,
}
