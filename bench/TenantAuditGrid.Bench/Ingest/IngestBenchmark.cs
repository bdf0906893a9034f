using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using TenantAuditGrid.Store;
using TenantAuditGrid.Store.Postgres;
using TenantAuditGrid.Store.Sqlite;
using TenantAuditGrid.Testing;

namespace TenantAuditGrid.Bench.Ingest;

/// <summary>
/// Measures audit store ingest: the PostgreSQL COPY path at several batch sizes, a replay of the same batches (every event
/// a duplicate, the cost of overlap re-fetches), a row-by-row INSERT baseline measured in the same run on the same table,
/// and the SQLite store. Each run uses a database of its own, created on the given server and dropped at the end.
/// </summary>
internal sealed class IngestBenchmark(IngestOptions options, TimeProvider clock)
{
    private readonly List<IngestResult> results = [];
    private readonly SyntheticDirectoryAudits generator = new(seed: 7);
    private readonly DateTimeOffset newest = clock.GetUtcNow();
    private CpuMeter meter = new(postgresBackendPid: null);

    /// <summary>
    /// Counts that contradict the store's contract (fresh events must all be new, a replay must add none); a non-empty
    /// list fails the run, so the smoke run in CI checks correctness as well as speed.
    /// </summary>
    public IReadOnlyList<string> Problems => results
        .Where(r => r.NewEvents != (r.Method.StartsWith("same batches", StringComparison.Ordinal) ? 0 : r.Events))
        .Select(r => $"{r.Store} {r.Method} at batch {r.BatchSize}: {r.NewEvents} new of {r.Events} events")
        .ToList();

    public async Task<string> RunAsync()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("benchingest", options.PostgresConnectionString);
        var connectionString = database.ConnectionString;
        await PostgresSchema.ApplyAsync(connectionString);
        foreach (var index in options.WithoutIndexes)
        {
            await using var drop = new NpgsqlConnection(connectionString);
            await drop.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP INDEX \"{index.Replace("\"", "", StringComparison.Ordinal)}\"", drop);
            await command.ExecuteNonQueryAsync();
        }

        Console.Error.WriteLine($"Load average before the run: {LoadAverage()}");
        var serverVersion = await RunPostgresAsync(connectionString);
        await RunSqliteAsync();
        return Report(serverVersion);
    }

    private async Task<string> RunPostgresAsync(string connectionString)
    {
        // One pooled connection, so every write runs on the one backend whose CPU time the meter reads.
        var singleConnection = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 1 }.ConnectionString;
        await using var storeDataSource = PostgresAuditDataSource.Create(singleConnection);
        var dataSource = storeDataSource.DataSource;
        var store = new PostgresAuditStore(dataSource, clock);
        await EnsurePartitionsAsync(dataSource);
        await using (var pid = dataSource.CreateCommand("SELECT pg_backend_pid()"))
        {
            meter = new CpuMeter((int)(await pid.ExecuteScalarAsync())!);
        }

        // Warm-up: JIT, connection pool, prepared statements; not measured.
        await store.WriteDirectoryAuditsAsync(generator.Create("warmup", 500, 10, newest));
        await RowByRowPostgresIngest.WriteAsync(dataSource, generator.Create("warmup-rows", 200, 10, newest), DateTime.UtcNow);

        foreach (var batchSize in options.BatchSizes)
        {
            var records = generator.Create($"pg{batchSize}", options.EventsPerBatchSize(batchSize), 50, newest);
            var batches = records.Chunk(batchSize).ToList();
            results.Add(await MeasureAsync("PostgreSQL", "binary COPY + ON CONFLICT", batchSize, records.Count, batches, store.WriteDirectoryAuditsAsync));
            results.Add(await MeasureAsync("PostgreSQL", "same batches again (all duplicates)", batchSize, records.Count, batches, store.WriteDirectoryAuditsAsync));

            var baseline = generator.Create($"pgrow{batchSize}", options.BaselineEvents, 50, newest).Chunk(batchSize).ToList();
            results.Add(await MeasureAsync("PostgreSQL", "baseline: row-by-row INSERT", batchSize, options.BaselineEvents, baseline,
                (batch, _) => RowByRowPostgresIngest.WriteAsync(dataSource, batch, DateTime.UtcNow)));
            Console.Error.WriteLine($"PostgreSQL batch {batchSize}: done");
        }

        await using var version = dataSource.CreateCommand("SHOW server_version");
        return (string)(await version.ExecuteScalarAsync())!;
    }

    private async Task RunSqliteAsync()
    {
        var directory = options.SqlitePath is null ? Directory.CreateTempSubdirectory("tag-bench-").FullName : null;
        var path = options.SqlitePath ?? Path.Combine(directory!, "audit.db");
        try
        {
            await new SqliteStoreSchema(path).ApplyAsync();
            var store = new SqliteAuditStore(path, clock);
            meter = new CpuMeter(postgresBackendPid: null);
            await store.WriteDirectoryAuditsAsync(generator.Create("warmup", 200, 10, newest));
            foreach (var batchSize in options.BatchSizes)
            {
                var records = generator.Create($"sqlite{batchSize}", options.SqliteEventsPerBatchSize, 50, newest);
                results.Add(await MeasureAsync("SQLite", "INSERT OR IGNORE, one transaction per batch", batchSize, records.Count,
                    records.Chunk(batchSize).ToList(), store.WriteDirectoryAuditsAsync));
                Console.Error.WriteLine($"SQLite batch {batchSize}: done");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (directory is not null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private async Task<IngestResult> MeasureAsync(
        string store, string method, int batchSize, int events, List<DirectoryAuditRecord[]> batches,
        Func<IReadOnlyList<DirectoryAuditRecord>, CancellationToken, Task<int>> write)
    {
        var newEvents = 0;
        var (clientBefore, serverBefore) = meter.Read();
        var started = clock.GetTimestamp();
        foreach (var batch in batches)
        {
            newEvents += await write(batch, CancellationToken.None);
        }

        var elapsed = clock.GetElapsedTime(started);
        var (clientAfter, serverAfter) = meter.Read();
        return new IngestResult(store, method, batchSize, events, newEvents, elapsed, clientAfter - clientBefore, serverAfter - serverBefore);
    }

    private async Task EnsurePartitionsAsync(NpgsqlDataSource dataSource)
    {
        // The baseline writes into audit_events directly, so the months it touches must exist beforehand.
        for (var month = newest.AddDays(-31); month <= newest.AddDays(31); month = month.AddDays(28))
        {
            await using var command = dataSource.CreateCommand("SELECT ensure_audit_events_partition(@day)");
            command.Parameters.AddWithValue("day", DateOnly.FromDateTime(month.UtcDateTime));
            await command.ExecuteNonQueryAsync();
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private string Report(string serverVersion)
    {
        var payloadBytes = generator.Create("size", 1_000, 10, newest).Average(r => Encoding.UTF8.GetByteCount(r.Payload.GetRawText()));
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"Date (UTC): {clock.GetUtcNow():yyyy-MM-dd HH:mm}");
        text.AppendLine(invariant, $"Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, PostgreSQL {serverVersion}");
        text.AppendLine(invariant, $"Load average (1/5/15 min) at the end: {LoadAverage()}");
        text.AppendLine(invariant, $"Indexes dropped for this run: {(options.WithoutIndexes.Count == 0 ? "none" : string.Join(", ", options.WithoutIndexes))}");
        text.AppendLine(invariant, $"Mode: {(options.Smoke ? "smoke" : "full")}; payload: {payloadBytes:F0} bytes of Graph JSON per event on average; 50 tenants, events spread over 30 days");
        text.AppendLine();
        text.AppendLine("| Store | Method | Batch size | Events | New | Seconds | Events/s | × row-by-row | Client CPU s | Server CPU s | Events per CPU-second |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var baseline = results.FirstOrDefault(b => b.Store == "PostgreSQL" && b.Method.StartsWith("baseline", StringComparison.Ordinal) && b.BatchSize == r.BatchSize);
            var ratio = r.Store == "PostgreSQL" && baseline is not null ? (r.EventsPerSecond / baseline.EventsPerSecond).ToString("F1", invariant) : "";
            text.AppendLine(invariant,
                $"| {r.Store} | {r.Method} | {r.BatchSize:N0} | {r.Events:N0} | {r.NewEvents:N0} | {r.Elapsed.TotalSeconds:F2} | {r.EventsPerSecond:N0} | {ratio} | {r.ClientCpu.TotalSeconds:F2} | {r.ServerCpu.TotalSeconds:F2} | {r.EventsPerCpuSecond:N0} |");
        }

        return text.ToString();
    }
}
