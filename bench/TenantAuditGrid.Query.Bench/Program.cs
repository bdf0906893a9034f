using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TenantAuditGrid.Host.Gateway;
using TenantAuditGrid.Query.Bench;
using TenantAuditGrid.Store;
using TenantAuditGrid.Store.Query;

// Usage: dotnet run -c Release --project bench/TenantAuditGrid.Query.Bench -- --connection "Host=…;Database=…" [--events 1000000]
//        [--tenants 1000] [--iterations 200] [--port 5099]
var options = Arguments.Parse(args);
var connectionString = options.Get("connection") ?? throw new ArgumentException("--connection is required");
var events = long.Parse(options.Get("events") ?? "1000000", CultureInfo.InvariantCulture);
var tenants = int.Parse(options.Get("tenants") ?? "1000", CultureInfo.InvariantCulture);
var iterations = int.Parse(options.Get("iterations") ?? "200", CultureInfo.InvariantCulture);
var port = int.Parse(options.Get("port") ?? "5099", CultureInfo.InvariantCulture);
var clock = TimeProvider.System;
void Log(string message) => Console.Error.WriteLine($"{clock.GetUtcNow():HH:mm:ss} {message}");

var storeServices = new ServiceCollection().AddPostgresAuditStore(connectionString).BuildServiceProvider();
await storeServices.GetRequiredService<IStoreSchema>().ApplyAsync(CancellationToken.None);
await using var dataSource = NpgsqlDataSource.Create(connectionString);
await using (var count = dataSource.CreateCommand("SELECT count(*) FROM audit_events"))
{
    var existing = (long)(await count.ExecuteScalarAsync())!;
    if (existing < events)
    {
        Log($"filling {events:N0} events over {tenants:N0} tenants (found {existing:N0})");
        var fill = Stopwatch.StartNew();
        await SyntheticEvents.FillAsync(dataSource, events, tenants, clock.GetUtcNow(), Log);
        Log($"filled in {fill.Elapsed}");
    }
}

var builder = WebApplication.CreateBuilder();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Logging.ClearProviders();
builder.Services.AddPostgresAuditQueries(connectionString).AddGraphGateway();
await using var app = builder.Build();
app.MapGraphGatewayApi();
await app.StartAsync();
using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

var now = clock.GetUtcNow();
string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
var scenarios = new (string Name, string Filter, bool Aggregate)[]
{
    ("time range (last 24 h)", $"activityDateTime ge {Iso(now.AddDays(-1))}", false),
    ("category + 7 days", $"category eq 'RoleManagement' and activityDateTime ge {Iso(now.AddDays(-7))}", false),
    ("initiator UPN", "initiatedBy/user/userPrincipalName eq 'user1234@contoso.example'", false),
    ("target lambda", "targetResources/any(t: t/id eq '" + Md5("target4242") + "')", false),
    ("tenants × categories, 7 days (aggregation)", $"activityDateTime ge {Iso(now.AddDays(-7))}", true),
};

var parser = new DirectoryAuditQueryParser(new SkipTokenProtector(new byte[32]));
var sql = new DirectoryAuditSqlBuilder(PostgresDialect.Instance);
Console.WriteLine($"| Query (first page, $top=100, across {tenants:N0} tenants, {events:N0} events) | SQL p50 | SQL p99 | gateway p50 | gateway p99 | p50 ratio |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var (name, filter, aggregate) in scenarios)
{
    SqlStatement statement;
    string url;
    if (aggregate)
    {
        statement = sql.Counts(AuditCountsQueryParser.Parse("tenantId,category", null, filter, null), TenantScope.AllTenants);
        url = $"api/reports/directoryAudits/counts?groupBy=tenantId,category&$filter={Uri.EscapeDataString(filter)}";
    }
    else
    {
        statement = sql.Page(parser.Parse([new("$filter", filter), new("$top", "100")], null), TenantScope.AllTenants);
        url = $"graph/v1.0/auditLogs/directoryAudits?$top=100&$filter={Uri.EscapeDataString(filter)}";
    }

    var sqlTimes = await Measure(iterations, async () =>
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = statement.CreateCommand(connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                _ = reader.GetValue(i);
            }
        }
    });
    var gatewayTimes = await Measure(iterations, async () =>
    {
        using var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        _ = await response.Content.ReadAsByteArrayAsync();
    });
    Console.WriteLine($"| {name} | {Ms(sqlTimes, 0.50)} | {Ms(sqlTimes, 0.99)} | {Ms(gatewayTimes, 0.50)} | {Ms(gatewayTimes, 0.99)} | "
        + $"{(Percentile(gatewayTimes, 0.5) / Percentile(sqlTimes, 0.5)).ToString("0.00", CultureInfo.InvariantCulture)} |");
}

await app.StopAsync();
return 0;

static async Task<List<double>> Measure(int iterations, Func<Task> run)
{
    for (var i = 0; i < Math.Min(10, iterations); i++)
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

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

static string Ms(List<double> values, double p) => Percentile(values, p).ToString("0.0", CultureInfo.InvariantCulture) + " ms";

static string Md5(string text) => Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
