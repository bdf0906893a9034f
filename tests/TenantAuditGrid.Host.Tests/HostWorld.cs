using System.Text.Json;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Testing;
using TenantAuditGrid.Testing.Emulator;
using TenantAuditGrid.Testing.Hosts;

namespace TenantAuditGrid.Host.Tests;

/// <summary>
/// One Host process on either store against an emulator the test owns: embedded on a fresh data directory (SQLite), or a one-silo
/// cluster on a fresh PostgreSQL database. Everything is read through the Host's API, so a test runs unchanged on both.
/// </summary>
internal sealed class HostWorld : IAsyncDisposable
{
    private readonly RunningHost host;
    private readonly string? dataDirectory;
    private readonly TestDatabase? database;

    private HostWorld(RunningHost host, string? dataDirectory, TestDatabase? database)
    {
        this.host = host;
        this.dataDirectory = dataDirectory;
        this.database = database;
    }

    public static async Task<HostWorld> StartAsync(string mode, GraphEmulatorServer emulator)
    {
        // Polls and sweeps often enough that a sync vouches for a fresh instant within seconds of going live.
        string[] arguments = [.. HostArgs.GraphAt(emulator), "--TenantAuditGrid:Sync:PollInterval=00:00:05", "--TenantAuditGrid:Sync:SweepInterval=00:00:10"];
        if (mode == "embedded")
        {
            var directory = Directory.CreateTempSubdirectory("tag-world-").FullName;
            return new HostWorld(await RunningHost.StartEmbeddedAsync(directory, arguments), directory, null);
        }

        var database = await PostgresServer.CreateDatabaseAsync("world");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["TenantAuditGrid__Credentials__MasterKey"] = Convert.ToBase64String(new byte[32]),
        };
        try
        {
            // A cluster has no bootstrap key: its first Admin signs in with Entra, here the emulator's MSP tenant.
            var adminToken = await EmulatorOperators.AppTokenAsync(emulator, EmulatorOperators.Admin);
            var host = await RunningHost.StartClusterAsync(Guid.NewGuid().ToString("N"), arguments, environment);
            host.UseBearer(adminToken);
            return new HostWorld(host, null, database);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        var (response, parsed, _) = await host.SendAsync(method, path, body);
        return (response, parsed);
    }

    public async Task<JsonElement> DirectoryAuditsSyncAsync(Guid tenant)
    {
        var (_, body) = await SendAsync(HttpMethod.Get, $"/api/tenants/{tenant}/sync");
        return body.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "directoryAudits");
    }

    /// <summary>The directoryAudits status once its history is read and a sweep has vouched for an instant.</summary>
    public async Task<JsonElement> LiveSyncAsync(Guid tenant)
    {
        JsonElement status = default;
        await Waits.UntilAsync(
            async () =>
            {
                status = await DirectoryAuditsSyncAsync(tenant);
                return status.GetProperty("state").GetString() == "live" && status.GetProperty("backfillProgressPercent").GetDouble() >= 100
                    && status.GetProperty("lastSweepAt").ValueKind == JsonValueKind.String;
            },
            TimeSpan.FromMinutes(2),
            $"the directoryAudits sync of {tenant} to go live");
        return status;
    }

    /// <summary>The ids of every directoryAudit the store holds for the tenant, read page by page through the Graph gateway.</summary>
    public async Task<List<string>> StoredIdsAsync(Guid tenant)
    {
        var ids = new List<string>();
        string? next = $"/graph/tenants/{tenant}/v1.0/auditLogs/directoryAudits?$top=999";
        while (next is not null)
        {
            var (response, page) = await SendAsync(HttpMethod.Get, next);
            response.EnsureSuccessStatusCode();
            ids.AddRange(page.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        if (dataDirectory is not null)
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
