using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Testing.Hosts;

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
            var onboard = await first.Http.PostAsJsonAsync("/api/tenants", new { tenantId = tenant.Id, displayName = "Kept", sources = new[] { "directoryAudits" } });
            Assert.Equal(HttpStatusCode.Created, onboard.StatusCode);
            storedBefore = await WaitForStoredEventsAsync(first.Http, tenant.Id);
            Assert.Equal(0, await first.StopAsync());
        }

        await using var second = await StartAsync();
        var kept = await second.Http.GetFromJsonAsync<JsonElement>($"/api/tenants/{tenant.Id}");
        var storedAfter = await CountAsync(second.Http, tenant.Id);

        Assert.Equal("Kept", kept.GetProperty("displayName").GetString());
        Assert.True(storedAfter >= storedBefore, $"{storedAfter} events after the restart, {storedBefore} before");
    }

    private Task<RunningHost> StartAsync() => RunningHost.StartEmbeddedAsync(dataDirectory, HostArgs.GraphAt(emulator));

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
}
