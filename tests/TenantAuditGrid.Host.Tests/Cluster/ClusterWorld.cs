using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Testing;
using TenantAuditGrid.Testing.Emulator;
using TenantAuditGrid.Testing.Hosts;

namespace TenantAuditGrid.Host.Tests.Cluster;

/// <summary>
/// Real Host processes in cluster mode on one PostgreSQL database, syncing emulated tenants from a Graph emulator that this test
/// process owns: the test reads the emulator's ground truth directly and the store with SQL, never the product's own counters.
/// </summary>
public sealed class ClusterWorld : IAsyncDisposable
{
    public const int TenantCount = 100;

    private readonly string clusterId = "cluster-" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<Silo> silos = [];
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private int started;

    private ClusterWorld(GraphEmulatorServer emulator, TestDatabase database)
    {
        Emulator = emulator;
        Database = database;
    }

    public GraphEmulatorServer Emulator { get; }

    public TestDatabase Database { get; }

    public IReadOnlyList<Silo> Silos
    {
        get
        {
            lock (silos)
            {
                return [.. silos];
            }
        }
    }

    public IReadOnlyList<Guid> TenantIds => [.. Emulator.Control.Tenants().Select(t => t.Id)];

    public static async Task<ClusterWorld> StartAsync(string purpose, int seed)
    {
        // 30 days of history at ~30 events a day: several hundred to a few thousand events per tenant, about 90,000 in all.
        // Graph's app-wide report limit is raised on both sides (the emulator's throttle and the product's budget) so that the
        // backfill is bounded by the per-tenant limit (kept at Graph's 5 per 10 s) and by CPU, and a CI run stays short.
        var emulator = await GraphEmulatorServer.StartAsync(new EmulatorOptions
        {
            TenantCount = TenantCount,
            Seed = seed,
            Activity = new ActivityOptions { MeanEventsPerDay = 30, VolumeSkew = 0.5, FreeLicenceShare = 0 },
            Throttling = new ThrottlingOptions { PerAppAcrossTenants = 400 },
        });
        var world = new ClusterWorld(emulator, await PostgresServer.CreateDatabaseAsync(purpose));
        // Every silo accepts the Admin token of the emulator's MSP tenant: a cluster's operators sign in with Entra.
        world.http.DefaultRequestHeaders.Authorization =
            new("Bearer", await EmulatorOperators.AppTokenAsync(emulator, EmulatorOperators.Admin));
        return world;
    }

    /// <summary>Starts one more silo of this cluster and waits until it is ready (joined, not draining).</summary>
    public async Task<Silo> StartSiloAsync()
    {
        var name = $"silo{Interlocked.Increment(ref started)}";
        var host = await RunningHost.StartClusterAsync(
            clusterId,
            [
                $"--TenantAuditGrid:Cluster:SiloName={name}",
                .. HostArgs.GraphAt(Emulator),
                "--TenantAuditGrid:GraphBudget:AppRequestsPerWindow=380",
                // Each tenant's ~900 events take nine pages of 100 (backfill costs one request per page), so a backfill lasts long enough
                // to be interrupted; polls and sweeps come often enough to converge within the test.
                "--TenantAuditGrid:Sync:PageSize=100",
                "--TenantAuditGrid:Sync:PollInterval=00:00:15",
                "--TenantAuditGrid:Sync:SweepInterval=00:00:30",
                // A silo killed without leaving is declared dead after about two missed 2 s probes instead of Orleans' default ~10 s.
                "--TenantAuditGrid:Cluster:Membership:ProbeTimeout=00:00:02",
                "--TenantAuditGrid:Cluster:Membership:NumMissedProbesLimit=2",
                "--Logging:LogLevel:Default=Warning",
                // The line each sync activation writes, which SyncActivations reads to learn where syncs run.
                "--Logging:LogLevel:TenantAuditGrid.Grains.Sync.SourceSyncGrain=Debug",
            ],
            environment: new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = Database.ConnectionString,
                ["TenantAuditGrid__Credentials__MasterKey"] = Convert.ToBase64String(new byte[32]),
            });
        var silo = new Silo(name, host);
        silo.ReadyUsage = silo.Usage();
        lock (silos)
        {
            silos.Add(silo);
        }

        return silo;
    }

    /// <summary>Onboards every emulated tenant with the shared app, through one silo's real batch API.</summary>
    public async Task OnboardAllAsync(Silo via)
    {
        var rows = Emulator.Control.Tenants().Select(t => new { tenantId = t.Id, displayName = t.DisplayName, sources = new[] { "directoryAudits" } });
        using var response = await http.PostAsJsonAsync(new Uri(via.BaseAddress, "api/tenants:batch"), rows);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        Assert.Equal(TenantCount, body.GetProperty("created").GetInt32());
    }

    /// <summary>Silo names with an Active (3) row in this cluster's membership table.</summary>
    public async Task<List<string>> ActiveSiloNamesAsync() =>
        await QueryAsync("SELECT silo_name FROM orleans_membership WHERE deployment_id = @cluster AND status = 3 ORDER BY silo_name", r => r.GetString(0));

    public async Task<int?> MembershipStatusAsync(Silo silo) =>
        (await QueryAsync("SELECT status FROM orleans_membership WHERE deployment_id = @cluster AND silo_name = @name ORDER BY generation DESC LIMIT 1",
            r => (int?)r.GetInt32(0), ("name", silo.Name))).FirstOrDefault();

    public async Task<long> StoredEventsAsync() =>
        (await QueryAsync("SELECT count(*) FROM audit_events WHERE source = 'graph'", r => r.GetInt64(0)))[0];

    public async Task<Dictionary<string, long>> StoredEventsPerTenantAsync() =>
        (await QueryAsync("SELECT tenant_id, count(*) FROM audit_events WHERE source = 'graph' GROUP BY tenant_id", r => (r.GetString(0), r.GetInt64(1))))
        .ToDictionary(r => r.Item1, r => r.Item2);

    /// <summary>The first event stored (by any silo) for one of these tenants after an instant: the moment their sync is seen to move again.</summary>
    public async Task<DateTimeOffset?> FirstIngestedAfterAsync(IReadOnlyCollection<string> tenantIds, DateTimeOffset after) =>
        (await QueryAsync(
            "SELECT min(ingested_at) FROM audit_events WHERE source = 'graph' AND tenant_id = ANY(@tenants) AND ingested_at > @after",
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(0),
            ("tenants", tenantIds.ToArray()), ("after", after)))[0];

    /// <summary>Total size of the audit store (audit_events and its partitions, with indexes and TOAST).</summary>
    public async Task<long> AuditEventsBytesAsync() =>
        (await QueryAsync(
            "SELECT coalesce(sum(pg_total_relation_size(relid)), 0)::bigint FROM pg_partition_tree('audit_events')",
            r => r.GetInt64(0)))[0];

    /// <summary>Every tenant's directoryAudits sync status, read through one silo's /api/tenants/{id}/sync.</summary>
    public async Task<Dictionary<Guid, JsonElement>> SyncStatusesAsync(Silo via)
    {
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<Guid, JsonElement>();
        await Parallel.ForEachAsync(TenantIds, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (tenant, cancellation) =>
        {
            var url = new Uri(via.BaseAddress, $"api/tenants/{tenant}/sync");
            var response = await http.GetAsync(url, cancellation);
            // A 503 is the API's documented "the cluster is changing, retry after": a client retries it, and so does the test (bounded).
            for (var retry = 0; response.StatusCode == HttpStatusCode.ServiceUnavailable && retry < 5; retry++)
            {
                response.Dispose();
                await Task.Delay(TimeSpan.FromSeconds(2), cancellation);
                response = await http.GetAsync(url, cancellation);
            }

            using var _ = response;
            if (!response.IsSuccessStatusCode)
            {
                // Say what the silo said and logged: a bare status code from a three-process test is not debuggable.
                throw new HttpRequestException(
                    $"{via.Name} answered {(int)response.StatusCode} for {tenant}'s sync status: {await response.Content.ReadAsStringAsync(cancellation)}\n" +
                    via.LastFailures());
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellation);
            statuses[tenant] = body.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "directoryAudits");
        });
        return new Dictionary<Guid, JsonElement>(statuses);
    }

    /// <summary>
    /// Waits (bounded) until every tenant's backfill is done and each has swept since all were live, as the sync engine's own
    /// convergence tests do; returns the last statuses.
    /// </summary>
    public async Task<Dictionary<Guid, JsonElement>> WaitForConvergenceAsync(Silo via, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        DateTimeOffset? allLiveAt = null;
        Dictionary<Guid, JsonElement> statuses = [];
        while (watch.Elapsed < limit)
        {
            var askedAt = DateTimeOffset.UtcNow;
            statuses = await SyncStatusesAsync(via);
            if (allLiveAt is null && statuses.Values.All(IsLive))
            {
                allLiveAt = askedAt;
            }

            if (allLiveAt is { } live && statuses.Values.All(s => IsLive(s) && LastSweepAt(s) > live))
            {
                return statuses;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var stuck = statuses.Where(s => !IsLive(s.Value) || allLiveAt is null || !(LastSweepAt(s.Value) > allLiveAt))
            .Take(10).Select(s => $"{s.Key}: {s.Value}");
        throw new TimeoutException($"sync did not converge within {limit}: {string.Join("\n", stuck)}");
    }

    /// <summary>
    /// The store against the emulator's ground truth, per tenant, at the instant of its last sweep (every event visible then must be
    /// stored); every stored id must be an event the emulator has and had shown; no (tenant, id) may be stored twice.
    /// </summary>
    public async Task<GroundTruthComparison> CompareWithGroundTruthAsync(IReadOnlyDictionary<Guid, JsonElement> statuses)
    {
        var stored = (await QueryAsync("SELECT tenant_id, id FROM audit_events WHERE source = 'graph'", r => (r.GetString(0), r.GetString(1))))
            .GroupBy(r => r.Item1).ToDictionary(g => g.Key, g => g.Select(r => r.Item2).ToList());
        return TenantIds.Aggregate(GroundTruthComparison.Zero, (total, tenant) => total.Plus(GroundTruthComparison.AtLastSweep(
            Emulator.Control,
            tenant,
            stored.GetValueOrDefault(tenant.ToString("D")) ?? [],
            LastSweepAt(statuses[tenant]) ?? throw new InvalidOperationException($"{tenant} never swept"))));
    }

    /// <summary>What the emulator holds now across all tenants: the denominator of "how far is the backfill".</summary>
    public long VisibleEventsNow() => TenantIds.Sum(t => (long)Emulator.Control.VisibleAuditEvents(t).Count);

    public static bool IsLive(JsonElement status) => status.GetProperty("state").GetString() == "live";

    public static DateTimeOffset? LastSweepAt(JsonElement status) =>
        status.GetProperty("lastSweepAt") is { ValueKind: JsonValueKind.String } value ? value.GetDateTimeOffset() : null;

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        await Emulator.DisposeAsync();
        await Database.DisposeAsync();
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}

/// <summary>One Host process of the cluster, named as it is in membership.</summary>
public sealed class Silo(string name, RunningHost host)
{
    private const string RunningMarker = "/DirectoryAudits running on silo";

    public string Name { get; } = name;

    public Uri BaseAddress => host.BaseAddress;

    public HostProcess Process => host.Process;

    public TimeSpan ReadyAfter => host.ReadyAfter;

    /// <summary>Memory and CPU time when the silo became ready: what starting (JIT, schema, joining) cost.</summary>
    public (long RssBytes, TimeSpan Cpu) ReadyUsage { get; set; }

    /// <summary>Tenants whose directoryAudits sync started running on this silo (an activation), with when the test saw the line.</summary>
    public List<(string TenantId, DateTimeOffset At)> SyncActivations() =>
        [.. Process.TimedStandardOutput
            .Where(l => l.Text.Contains(RunningMarker, StringComparison.Ordinal))
            .Select(l => (TenantIdOf(l.Text), l.At))];

    private static string TenantIdOf(string line)
    {
        var end = line.IndexOf(RunningMarker, StringComparison.Ordinal);
        var start = line.LastIndexOf(' ', end) + 1;
        return line[start..end];
    }

    /// <summary>The last errors the process logged, each with the lines that follow it (message and stack), for a failing test to show.</summary>
    public string LastFailures(int count = 3, int linesEach = 25)
    {
        var lines = Process.StandardOutput;
        var starts = Enumerable.Range(0, lines.Count).Where(i => HostProcess.IsFailure(lines[i])).TakeLast(count);
        return string.Join('\n', starts.SelectMany(i => lines.Skip(i).Take(linesEach)));
    }

    /// <summary>The process's resident memory and the CPU time it has used so far.</summary>
    public (long RssBytes, TimeSpan Cpu) Usage()
    {
        using var os = System.Diagnostics.Process.GetProcessById(Process.Id);
        return (os.WorkingSet64, os.TotalProcessorTime);
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    public override string ToString() => Name;
}
