using System.Net;
using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using TenantAuditGrid.GraphEmulator;

using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.GraphEmulator.Tests;

public sealed class PagingAndArrivalTests : IAsyncLifetime
{
    private GraphEmulatorServer server = null!;

    public async Task InitializeAsync()
    {
        var options = FrozenEmulator.Options(tenants: 1);
        options.MaxPageSize = 20;
        options.DefaultPageSize = 20;
        options.MaxEventsScannedPerPage = 25;
        server = await GraphEmulatorServer.StartAsync(options);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private Guid Tenant => server.Control.Tenants()[0].Id;

    [Fact]
    public async Task Next_links_are_under_the_host_the_caller_used_not_the_listening_address()
    {
        // As in Compose, where silos call https://graph-emulator:8443 while the emulator listens on 0.0.0.0.
        using var http = EmulatorClients.PinnedHttpClient(server);
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1.0/auditLogs/directoryAudits?$top=5");
        request.Headers.Host = $"graph-emulator:{server.BaseAddress.Port}";
        request.Headers.Authorization = new("Bearer", await EmulatorClients.TokenAsync(EmulatorClients.SharedAppCredential(server, Tenant)));

        using var response = await http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.StartsWith($"https://graph-emulator:{server.BaseAddress.Port}/v1.0/auditLogs/directoryAudits?$skiptoken=", body.GetProperty("@odata.nextLink").GetString());
        Assert.StartsWith($"https://graph-emulator:{server.BaseAddress.Port}/v1.0/$metadata", body.GetProperty("@odata.context").GetString());
    }

    [Fact]
    public async Task Skiptoken_expires_after_its_lifetime_on_the_emulated_clock()
    {
        using var graph = await GraphRaw.ForAsync(server, Tenant);
        var (_, first) = await graph.GetAsync("v1.0/auditLogs/directoryAudits?$top=5");
        var next = first.GetProperty("@odata.nextLink").GetString()!;
        server.Control.AdvanceClock(TimeSpan.FromMinutes(9));
        Assert.Equal(HttpStatusCode.OK, (await graph.GetAsync(next)).Response.StatusCode);

        server.Control.AdvanceClock(TimeSpan.FromMinutes(2));
        var (expired, body) = await graph.GetAsync(next);

        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Equal("Token not found: token is either invalid or expired", body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Selective_filter_sees_empty_pages_mid_stream_and_still_gets_every_match()
    {
        using var graph = await GraphRaw.ForAsync(server, Tenant);
        var truth = server.Control.VisibleAuditEventDetails(Tenant).Where(e => e.ActivityDisplayName == "Delete user").Select(e => e.Id).ToList();
        var found = new List<string>();
        var emptyPagesWithNext = 0;
        string? link = "v1.0/auditLogs/directoryAudits?$filter=activityDisplayName eq 'Delete user'";
        while (link is not null)
        {
            var (response, body) = await graph.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var items = body.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
            link = body.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
            emptyPagesWithNext += items.Count == 0 && link is not null ? 1 : 0;
            found.AddRange(items);
        }

        Assert.True(emptyPagesWithNext > 0);
        Assert.NotEmpty(truth);
        Assert.Equal(truth, found);
    }

    [Fact]
    public async Task Late_event_is_invisible_until_its_visibility_time_then_listed_and_gettable()
    {
        var busy = server.Control.CreateTenant(new TenantSpec { EventsPerDay = 3_000, Licence = TenantLicence.Free });
        var now = server.Control.Now;
        var late = server.Control.AuditEventsHappenedBetween(busy.Id, now.AddMinutes(-10), now).Where(e => e.VisibleAt > now).MaxBy(e => e.VisibleAt - now)!;
        var graph = EmulatorClients.GraphClient(server, EmulatorClients.SharedAppCredential(server, busy.Id));
        var window = $"activityDateTime ge {now.AddMinutes(-10).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";

        var missing = await Assert.ThrowsAsync<Microsoft.Graph.Models.ODataErrors.ODataError>(() => graph.AuditLogs.DirectoryAudits[late.Id].GetAsync());
        Assert.Equal(404, missing.ResponseStatusCode);
        Assert.DoesNotContain(late.Id, await ListIdsAsync(graph, window));
        Assert.DoesNotContain(late.Id, server.Control.VisibleAuditEvents(busy.Id).Ids);

        server.Control.AdvanceClock(late.VisibleAt - now);

        Assert.Equal(late.Id, (await graph.AuditLogs.DirectoryAudits[late.Id].GetAsync())!.Id);
        Assert.Contains(late.Id, await ListIdsAsync(graph, window));
        Assert.Contains(late.Id, server.Control.VisibleAuditEvents(busy.Id).Ids);
    }

    [Fact]
    public void Visibility_delays_follow_the_documented_distribution()
    {
        var busy = server.Control.CreateTenant(new TenantSpec { EventsPerDay = 20_000 });
        var delays = server.Control.AuditEventsHappenedBetween(busy.Id, server.Control.Now.AddDays(-2), server.Control.Now.AddDays(-1))
            .Select(e => e.VisibleAt - e.ActivityDateTime).Order().ToList();

        Assert.True(delays.Count > 10_000);
        Assert.InRange(delays[(int)(delays.Count * 0.95)], TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(140));
        Assert.InRange(delays[(int)(delays.Count * 0.99)], TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6));
        Assert.InRange(delays[^1], TimeSpan.FromMinutes(30), TimeSpan.FromHours(2));
        Assert.All(delays, d => Assert.True(d > TimeSpan.Zero));
    }

    [Fact]
    public void Live_events_appear_as_the_clock_runs_and_old_ones_leave_the_retention_window()
    {
        var start = server.Control.Now;
        var before = server.Control.VisibleAuditEventDetails(Tenant);
        Assert.All(before, e => Assert.InRange(e.ActivityDateTime, start - TimeSpan.FromDays(7), start));

        server.Control.AdvanceClock(TimeSpan.FromHours(12));
        var after = server.Control.VisibleAuditEventDetails(Tenant);

        Assert.Contains(after, e => e.ActivityDateTime > start);
        Assert.DoesNotContain(after, e => e.ActivityDateTime < server.Control.Now - TimeSpan.FromDays(7));
        Assert.Contains(before, e => e.ActivityDateTime < server.Control.Now - TimeSpan.FromDays(7));
    }

    [Fact]
    public async Task Same_seed_gives_the_same_tenants_and_events()
    {
        await using var twin = await GraphEmulatorServer.StartAsync(FrozenEmulator.Options(tenants: 1));

        Assert.Equal(Tenant, twin.Control.Tenants()[0].Id);
        Assert.Equal(server.Control.VisibleAuditEvents(Tenant).Ids, twin.Control.VisibleAuditEvents(Tenant).Ids);
    }

    [Fact]
    public async Task Injected_server_errors_and_invalid_skiptokens_use_graphs_error_body()
    {
        using var graph = await GraphRaw.ForAsync(server, Tenant);
        var (_, first) = await graph.GetAsync("v1.0/auditLogs/directoryAudits?$top=5");
        var next = first.GetProperty("@odata.nextLink").GetString()!;

        server.Control.Faults = new FaultOptions { InvalidSkipTokenRate = 1 };
        var (refused, refusedBody) = await graph.GetAsync(next);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Token not found: token is either invalid or expired", refusedBody.GetProperty("error").GetProperty("message").GetString());

        server.Control.Faults = new FaultOptions { ServerErrorRate = 1 };
        for (var i = 0; i < 6; i++)
        {
            var (failed, body) = await graph.GetAsync("v1.0/auditLogs/directoryAudits?$top=5");
            Assert.Contains((int)failed.StatusCode, new[] { 500, 503, 504 });
            Assert.False(string.IsNullOrEmpty(GraphRaw.ErrorCode(body)));
        }

        server.Control.Faults = new FaultOptions();
        Assert.Equal(HttpStatusCode.OK, (await graph.GetAsync(next)).Response.StatusCode);
    }

    private static async Task<List<string>> ListIdsAsync(GraphServiceClient graph, string filter)
    {
        var page = await graph.AuditLogs.DirectoryAudits.GetAsync(r => r.QueryParameters.Filter = filter);
        var ids = new List<string>();
        await PageIterator<DirectoryAudit, DirectoryAuditCollectionResponse>.CreatePageIterator(graph, page!, e =>
        {
            ids.Add(e.Id!);
            return true;
        }).IterateAsync();
        return ids;
    }
}
