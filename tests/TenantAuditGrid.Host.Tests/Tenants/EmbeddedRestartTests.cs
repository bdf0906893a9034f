using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Testing;

namespace TenantAuditGrid.Host.Tests.Tenants;

/// <summary>Embedded mode keeps everything in SQLite under its data directory: a second start sees the first one's tenants and events.</summary>
public sealed class EmbeddedRestartTests : IAsyncLifetime
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("tag-restart-").FullName;
    private GraphEmulatorServer emulator = null!;

    public async Task InitializeAsync() =>
        emulator = await GraphEmulatorServer.StartAsync(new EmulatorOptions { TenantCount = 1, Seed = 23 });

    public async Task DisposeAsync()
    {
        await emulator.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Tenants_and_synced_events_survive_a_restart_on_the_same_data_directory()
    {
        var tenant = emulator.Control.Tenants()[0];
        long storedBefore;
        await using (var first = await StartAsync())
        {
            var (host, http) = first.Value;
            var onboard = await http.PostAsJsonAsync("/api/tenants", new { tenantId = tenant.Id, displayName = "Kept", sources = new[] { "directoryAudits" } });
            Assert.Equal(HttpStatusCode.Created, onboard.StatusCode);
            storedBefore = await WaitForStoredEventsAsync(http, tenant.Id);
            host.SendTerminate();
            Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }

        await using var second = await StartAsync();
        var (_, again) = second.Value;
        var kept = await again.GetFromJsonAsync<JsonElement>($"/api/tenants/{tenant.Id}");
        var storedAfter = await CountAsync(again, tenant.Id);

        Assert.Equal("Kept", kept.GetProperty("displayName").GetString());
        Assert.True(storedAfter >= storedBefore, $"{storedAfter} events after the restart, {storedBefore} before");
    }

    private async Task<Running> StartAsync()
    {
        var args = new HostArgs();
        var host = HostProcess.Start(
        [
            .. args.Embedded(dataDirectory),
            .. HostArgs.GraphAt(emulator),
        ]);
        await host.WaitUntilOkAsync(new Uri(args.BaseAddress, "health/ready"), TimeSpan.FromSeconds(90));
        return new Running(host, new HttpClient { BaseAddress = args.BaseAddress, Timeout = TimeSpan.FromSeconds(60) });
    }

    private static async Task<long> WaitForStoredEventsAsync(HttpClient http, Guid tenantId)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (await CountAsync(http, tenantId) is > 0 and var count)
            {
                return count;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        throw new TimeoutException("no event was synced within a minute");
    }

    private static async Task<long> CountAsync(HttpClient http, Guid tenantId)
    {
        var page = await http.GetFromJsonAsync<JsonElement>($"/graph/tenants/{tenantId}/v1.0/auditLogs/directoryAudits?$count=true&$top=1");
        return page.GetProperty("@odata.count").GetInt64();
    }

    private sealed class Running(HostProcess host, HttpClient http) : IAsyncDisposable
    {
        public (HostProcess Host, HttpClient Http) Value => (host, http);

        public async ValueTask DisposeAsync()
        {
            http.Dispose();
            await host.DisposeAsync();
        }
    }
}
