using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TenantAuditGrid.Host.Gateway;
using TenantAuditGrid.Store;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Bench.Query;

/// <summary>
/// <c>query</c>: gateway latency against the raw SQL it runs, on PostgreSQL filled with synthetic events (see docs/benchmarks.md,
/// "Query latency"). Each cell is measured as the exact SQL through Npgsql and as HTTP GET to the gateway in this process, for the
/// first page and a deep page (following nextLinks), and for the 7-day tenants × categories aggregation (from now, and from the
/// time of day that gives the rollups their longest edge). Each aggregation answer is checked against an independent GROUP BY over
/// the raw table; a mismatch fails the run (exit 1). <c>--smoke</c> uses a throwaway database of 20,000 events and three
/// iterations: seconds, correctness only.
/// </summary>
internal static class QueryScenario
{
    public const string Usage =
        "Usage: TenantAuditGrid.Bench query [--smoke] [--postgres SERVER_CONNECTION_STRING] [--database NAME] [--events N] [--tenants N]\n" +
        "       [--iterations N] [--deep-page N] [--port N] [--append FILE]   (server defaults to $TAG_BENCH_POSTGRES; the database, default qbench, is\n" +
        "       created and filled when it holds fewer than --events events, and kept for the next run)";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["--help"])
        {
            Console.Error.WriteLine(Usage);
            return 0;
        }

        ScenarioArguments arguments;
        QuerySettings settings;
        string? database;
        try
        {
            arguments = ScenarioArguments.Parse("query", args);
            settings = new QuerySettings(
                Events: arguments.Int("events", full: 1_000_000, smoke: 20_000),
                Tenants: arguments.Int("tenants", full: 1_000, smoke: 50),
                Iterations: arguments.Int("iterations", full: 30, smoke: 3),
                DeepPage: arguments.Int("deep-page", full: 10, smoke: 3),
                Port: arguments.Int("port", full: 0, smoke: 0));
            database = arguments.Text("database");
            arguments.RejectUnknown();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine($"{e.Message}\n{Usage}");
            return 2;
        }

        var server = arguments.PostgresServer;
        if (string.IsNullOrEmpty(server))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var smoke = arguments.Smoke;
        database ??= smoke ? $"qbench_smoke_{Guid.NewGuid():N}"[..20] : "qbench";
        await using var admin = NpgsqlDataSource.Create(server);
        await EnsureDatabaseAsync(admin, database);
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            return await RunAsync(connectionString, settings, arguments);
        }
        finally
        {
            if (smoke)
            {
                await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    private static async Task<int> RunAsync(string connectionString, QuerySettings settings, ScenarioArguments arguments)
    {
        var clock = TimeProvider.System;
        void Log(string message) => Console.Error.WriteLine($"{clock.GetUtcNow():HH:mm:ss} {message}");

        var schemaTimer = Stopwatch.StartNew();
        await using (var storeServices = new ServiceCollection().AddPostgresAuditStore(connectionString).BuildServiceProvider())
        {
            await storeServices.GetRequiredService<IStoreSchema>().ApplyAsync(CancellationToken.None);
        }

        Log($"schema applied in {schemaTimer.Elapsed.TotalSeconds:F1} s");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await SyntheticEvents.RestoreIndexesAsync(dataSource, Log);
        await using (var count = dataSource.CreateCommand("SELECT count(*) FROM audit_events"))
        {
            var existing = (long)(await count.ExecuteScalarAsync())!;
            if (existing < settings.Events)
            {
                Log($"filling {settings.Events:N0} events over {settings.Tenants:N0} tenants (found {existing:N0})");
                var fill = Stopwatch.StartNew();
                await SyntheticEvents.FillAsync(dataSource, existing, settings.Events, settings.Tenants, clock.GetUtcNow(), Log);
                Log($"filled in {fill.Elapsed}");
            }
        }

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{settings.Port}");
        builder.Logging.ClearProviders();
        builder.Services.AddPostgresAuditQueries(connectionString).AddGraphGateway();
        // This measures the query path alone, on the gateway's routes without the Host around them: their authorization metadata is
        // knowingly left without the middleware that enforces it (one API key lookup per request, which this does not measure).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteOptions>(o => o.SuppressCheckForUnhandledSecurityMetadata = true);
        await using var app = builder.Build();
        app.MapGraphGatewayApi();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First() + "/") };
        var parser = app.Services.GetRequiredService<AuditQueryParser>();
        // The SQL side runs on the gateway's own pool, so both sides have the same session settings (JIT off).
        var queryDataSource = (NpgsqlDataSource)app.Services.GetRequiredService<AuditQueryDatabase>().DataSource;
        var pages = new CollectionSqlBuilder(PostgresDialect.Instance);
        var counts = new AuditCountsSqlBuilder(PostgresDialect.Instance);

        var now = clock.GetUtcNow();
        var weekAgo = Iso(now.AddDays(-7));
        var cells = new List<QueryCell>();
        foreach (var (name, filter) in new[]
        {
            ("time range: last 24 h", $"activityDateTime ge {Iso(now.AddDays(-1))}"),
            ("category: RoleManagement, last 7 days", $"category eq 'RoleManagement' and activityDateTime ge {weekAgo}"),
            ("initiator: UPN eq (other case)", "initiatedBy/user/userPrincipalName eq 'USER1234@contoso.example'"),
        })
        {
            var firstUrl = $"graph/v1.0/auditLogs/directoryAudits?$top=100&$filter={Uri.EscapeDataString(filter)}";
            var (deepUrl, deepNumber) = await FollowAsync(http, firstUrl, settings.DeepPage);
            foreach (var (label, url) in new[] { ("first page", firstUrl), ($"page {deepNumber}", deepUrl) })
            {
                var query = parser.Parse(AuditCollection.DirectoryAudits, QueryPairs(url), null);
                var statement = pages.Rows(query, TenantScope.AllTenants, OrderPart.Dated, query.After, query.Top + 1);
                cells.Add(await MeasureAsync($"{name}, {label}", statement, url, queryDataSource, http, settings.Iterations));
            }
        }

        // The window as the report asks for it (from now minus 7 days), and from 11:00:01 seven days ago: the costliest edge for the
        // rollups (12 hourly buckets, and the raw table for 59 minutes), whatever time of day the run happens at.
        var worstEdge = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-7).AddHours(11).AddSeconds(1);
        var problems = new List<string>();
        QueryCell? rawCell = null;
        foreach (var (name, from) in new[]
        {
            ("7-day tenants × categories per day (rollups)", weekAgo),
            ("same, from 11:00:01 UTC 7 days ago (longest edge: 12 hourly buckets + 59 raw minutes)", Iso(worstEdge)),
        })
        {
            var aggregationFilter = $"activityDateTime ge {from}";
            var aggregation = parser.ParseCounts("tenantId,category", "1d", aggregationFilter, null);
            var aggregationUrl = $"api/reports/directoryAudits/counts?groupBy=tenantId,category&interval=1d&$filter={Uri.EscapeDataString(aggregationFilter)}";
            var rawAggregation = new SqlStatement(
                "SELECT date_bin(@p0, activity_date_time, TIMESTAMPTZ '1970-01-01 00:00:00+00'), tenant_id, category, count(*) FROM audit_events "
                + "WHERE source = 'graph' AND activity_date_time >= @p1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
                [new("@p0", TimeSpan.FromDays(1)), new("@p1", DateTimeOffset.Parse(from, CultureInfo.InvariantCulture).UtcDateTime)]);
            cells.Add(await MeasureAsync(name, counts.Counts(aggregation, TenantScope.AllTenants), aggregationUrl, queryDataSource, http, settings.Iterations));
            rawCell ??= await MeasureSqlAsync("same aggregation, raw table only (GROUP BY over audit_events)", rawAggregation, queryDataSource, Math.Min(settings.Iterations, 10));
            Log($"plan from {from}: {string.Join("; ", AuditCountsPlan.For(aggregation).Segments.Select(s => $"{(s.Negated ? "minus " : "")}{s.Rollup?.Table ?? "audit_events"} [{s.From:O}, {s.To:O})"))}");
            problems.AddRange(await CheckAggregationAsync(http, aggregationUrl, dataSource, rawAggregation));
        }

        await app.StopAsync();

        var report = new BenchReport($"Query latency, {settings.Events:N0} events across {settings.Tenants:N0} tenants", arguments)
            .Line($"| Query ($top=100, across {settings.Tenants:N0} tenants, {settings.Events:N0} events) | SQL p50 | SQL p99 | server CPU per SQL run | gateway p50 | gateway p99 | gateway ÷ SQL (p50) |")
            .Line("|---|---|---|---|---|---|---|");
        foreach (var cell in cells)
        {
            report.Line(cell.Row);
        }

        report.Line(rawCell!.Row).Line(string.Empty).Line(problems.Count == 0
            ? "Both aggregation answers equal an independent GROUP BY over the raw table."
            : $"CONTRACT VIOLATED: {problems.Count} problem(s), printed on standard error.");
        await report.PublishAsync();
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"Contract violated: {problem}");
        }

        return problems.Count == 0 ? 0 : 1;
    }

    // The gateway's aggregation (rollups + raw edges) must equal an independent GROUP BY over the raw table.
    private static async Task<List<string>> CheckAggregationAsync(HttpClient http, string url, NpgsqlDataSource dataSource, SqlStatement raw)
    {
        using var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            return [$"aggregation answered {(int)response.StatusCode}: {text}"];
        }

        var gateway = JsonNode.Parse(text)!["value"]!.AsArray()
            .Select(r => $"{r!["bucket"]!.GetValue<DateTimeOffset>().UtcDateTime:O}|{r["tenantId"]}|{r["category"]}|{r["count"]}")
            .Order(StringComparer.Ordinal).ToList();
        var expected = new List<string>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = raw.CreateCommand(connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            expected.Add($"{DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc):O}|{reader.GetString(1)}|{(reader.IsDBNull(2) ? "" : reader.GetString(2))}|{reader.GetInt64(3)}");
        }

        expected.Sort(StringComparer.Ordinal);
        return gateway.SequenceEqual(expected) || expected.Count == 0
            ? expected.Count == 0 ? ["the aggregation's window holds no events; the check proves nothing"] : []
            : [$"aggregation differs from the raw GROUP BY: {gateway.Count} groups from the gateway, {expected.Count} expected"];
    }

    private static async Task<(string Url, int Number)> FollowAsync(HttpClient http, string firstUrl, int deepPage)
    {
        var url = firstUrl;
        var number = 1;
        while (number < deepPage)
        {
            using var response = await http.GetAsync(url);
            response.EnsureSuccessStatusCode();
            var next = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["@odata.nextLink"]?.GetValue<string>();
            if (next is null)
            {
                break;
            }

            url = next[(next.IndexOf("/graph/", StringComparison.Ordinal) + 1)..];
            number++;
        }

        return (url, number);
    }

    private static async Task<QueryCell> MeasureAsync(string name, SqlStatement statement, string url, NpgsqlDataSource dataSource, HttpClient http, int iterations)
    {
        var sql = await MeasureSqlAsync(name, statement, dataSource, iterations);
        var gateway = await TimeAsync(iterations, async () =>
        {
            using var response = await http.GetAsync(url);
            response.EnsureSuccessStatusCode();
            _ = await response.Content.ReadAsByteArrayAsync();
        });
        return sql with { GatewayMilliseconds = gateway };
    }

    // One connection for the series, so the CPU its backend spent (from /proc) is a load-independent figure beside the wall times.
    private static async Task<QueryCell> MeasureSqlAsync(string name, SqlStatement statement, NpgsqlDataSource dataSource, int iterations)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var meter = new CpuMeter(connection.ProcessID);
        var warmups = Math.Min(5, iterations);
        var before = TimeSpan.Zero;
        var runs = 0;
        var times = await TimeAsync(iterations, async () =>
        {
            if (++runs == warmups + 1)
            {
                before = meter.Read().Server;
            }

            await ReadAllAsync(connection, statement);
        });
        var serverCpu = (meter.Read().Server - before).TotalMilliseconds / iterations;
        return new QueryCell(name, times, [], serverCpu);
    }

    private static async Task ReadAllAsync(NpgsqlDataSource dataSource, SqlStatement statement)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await ReadAllAsync(connection, statement);
    }

    private static async Task ReadAllAsync(NpgsqlConnection connection, SqlStatement statement)
    {
        await using var command = statement.CreateCommand(connection);
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                _ = reader.GetValue(i);
            }
        }
    }

    private static async Task<List<double>> TimeAsync(int iterations, Func<Task> run)
    {
        for (var i = 0; i < Math.Min(5, iterations); i++)
        {
            await run();
        }

        var times = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await run();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return times;
    }

    private static List<KeyValuePair<string, string?>> QueryPairs(string url) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x/" + url).Query)
            .Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value.ToString())).ToList();

    private static async Task EnsureDatabaseAsync(NpgsqlDataSource admin, string database)
    {
        await using var exists = admin.CreateCommand("SELECT 1 FROM pg_database WHERE datname = @name");
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = admin.CreateCommand($"CREATE DATABASE \"{database.Replace("\"", "", StringComparison.Ordinal)}\"");
            await create.ExecuteNonQueryAsync();
        }
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed record QuerySettings(long Events, int Tenants, int Iterations, int DeepPage, int Port);
}
