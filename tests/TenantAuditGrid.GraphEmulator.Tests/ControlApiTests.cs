using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TenantAuditGrid.GraphEmulator;

using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.GraphEmulator.Tests;

public sealed class ControlApiTests : IAsyncLifetime
{
    private GraphEmulatorServer server = null!;

    public async Task InitializeAsync() => server = await GraphEmulatorServer.StartAsync(FrozenEmulator.Options(tenants: 3));

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Http_ground_truth_matches_the_in_process_truth_and_follows_the_clock()
    {
        using var http = EmulatorClients.PinnedHttpClient(server);
        var tenant = server.Control.Tenants()[1].Id;

        var before = await http.GetFromJsonAsync<JsonElement>($"_emulator/tenants/{tenant}/directoryAudits");
        Assert.Equal(server.Control.VisibleAuditEvents(tenant).Ids, before.GetProperty("ids").EnumerateArray().Select(i => i.GetString()));

        using var advance = await http.PostAsJsonAsync("_emulator/clock/advance", new { by = "06:00:00" });
        Assert.Equal(HttpStatusCode.OK, advance.StatusCode);
        var after = await http.GetFromJsonAsync<JsonElement>($"_emulator/tenants/{tenant}/directoryAudits");

        Assert.Equal(server.Control.VisibleAuditEvents(tenant).Count, after.GetProperty("count").GetInt32());
        Assert.NotEqual(before.GetProperty("ids")[0].GetString(), after.GetProperty("ids")[0].GetString());
    }

    [Fact]
    public async Task Tenants_apps_and_grants_can_be_created_and_changed_over_http()
    {
        using var http = EmulatorClients.PinnedHttpClient(server);

        using var created = await http.PostAsJsonAsync("_emulator/tenants", new { licence = "P2", eventsPerDay = 10, consentSharedApp = false });
        var tenant = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = tenant.GetProperty("id").GetString();
        Assert.Empty(tenant.GetProperty("grants").EnumerateArray());

        using var grant = await http.PutAsJsonAsync($"_emulator/tenants/{id}/grants/{server.SharedApp.ClientId}", new { roles = new[] { GraphRoles.AuditLogReadAll } });
        Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        using var app = await http.PostAsJsonAsync("_emulator/apps", new { homeTenantId = id, secret = "a-secret-value", displayName = "Tenant tool" });
        Assert.Equal(HttpStatusCode.OK, app.StatusCode);
        Assert.DoesNotContain("a-secret-value", await app.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var info = server.Control.Tenant(Guid.Parse(id!));
        Assert.Equal(TenantLicence.P2, info.Licence);
        Assert.Equal(2, info.Grants.Count);
        Assert.Equal([GraphRoles.AuditLogReadAll], info.Grants.Single(g => g.ClientId == server.SharedApp.ClientId).Roles);
    }

    [Fact]
    public async Task Bad_control_input_is_a_problem_and_changes_nothing()
    {
        using var http = EmulatorClients.PinnedHttpClient(server);
        var faultsBefore = server.Control.Faults;

        using var badFaults = await http.PutAsJsonAsync("_emulator/faults", new { serverErrorRate = 3.0 });
        using var unknownTenant = await http.PutAsJsonAsync($"_emulator/tenants/{Guid.NewGuid()}/grants/{server.SharedApp.ClientId}", new { roles = Array.Empty<string>() });
        using var backwards = await http.PostAsJsonAsync("_emulator/clock/advance", new { by = "-01:00:00" });

        Assert.Equal(HttpStatusCode.BadRequest, badFaults.StatusCode);
        Assert.Equal("application/problem+json", badFaults.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknownTenant.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(faultsBefore, server.Control.Faults);
        Assert.Equal(3, server.Control.Tenants().Count);
    }
}
