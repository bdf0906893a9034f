using System.Net;
using System.Text.Json.Nodes;
using TenantAuditGrid.Store.Query;
using TenantAuditGrid.Testing.Audit;

namespace TenantAuditGrid.Host.Tests.Gateway;

/// <summary>
/// A caller whose scope is restricted sees only its tenants' events: in lists, per-tenant routes, lookups by id, counts,
/// exports and security actions. The scope comes from <see cref="ITenantScopeProvider"/>, the seam operator identities will use.
/// </summary>
public sealed class TenantScopeTests : IAsyncLifetime
{
    private TestStore? store;
    private GatewayHost? host;
    private List<string> tenants = [];
    private List<GeneratedEvent> events = [];

    private HttpClient Http => host!.Client;

    private string Visible => tenants[0];

    private string Hidden => tenants[1];

    public async Task InitializeAsync()
    {
        store = await TestStore.CreateAsync("postgres", "tenantscope");
        var generator = new AuditEventGenerator(99);
        tenants = generator.Tenants(3);
        events = generator.Events(tenants, 40);
        await store.InsertAsync(events);
        await store.InsertSecurityActionAsync(tenants[1], "hidden-action", new JsonObject { ["id"] = "hidden-action", ["name"] = "BlockIp" });
        host = await GatewayHost.StartAsync(store, new FixedTenantScopeProvider(TenantScope.Restricted([tenants[0], tenants[2]])));
    }

    public async Task DisposeAsync()
    {
        await host!.DisposeAsync();
        await store!.DisposeAsync();
    }

    [Fact]
    public async Task Cross_tenant_list_and_count_leave_out_hidden_tenants()
    {
        using var response = await Http.GetAsync("graph/v1.0/auditLogs/directoryAudits?$top=999&$count=true");
        var body = await GatewayHttpTests.ReadJsonAsync(response, HttpStatusCode.OK);

        var seen = body["value"]!.AsArray().Select(i => i!["tenantId"]!.GetValue<string>()).ToHashSet();
        Assert.DoesNotContain(Hidden, seen);
        Assert.Contains(Visible, seen);
        Assert.Equal(events.Count(e => e.TenantId != Hidden), body["@odata.count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Hidden_tenants_route_is_not_found_in_graphs_error_shape_as_are_its_ids()
    {
        using var list = await Http.GetAsync($"graph/tenants/{Hidden}/v1.0/auditLogs/directoryAudits?$count=true");
        var body = await GatewayHttpTests.ReadJsonAsync(list, HttpStatusCode.NotFound);
        Assert.Equal("Request_ResourceNotFound", body["error"]!["code"]!.GetValue<string>());
        using var visibleList = await Http.GetAsync($"graph/tenants/{Visible}/v1.0/auditLogs/directoryAudits?$count=true");
        Assert.Equal(events.Count(e => e.TenantId == Visible), (await GatewayHttpTests.ReadJsonAsync(visibleList, HttpStatusCode.OK))["@odata.count"]!.GetValue<long>());

        var hiddenEvent = events.First(e => e.TenantId == Hidden && events.Count(o => o.Id == e.Id) == 1);
        using var byTenant = await Http.GetAsync($"graph/tenants/{Hidden}/v1.0/auditLogs/directoryAudits/{Uri.EscapeDataString(hiddenEvent.Id)}");
        Assert.Equal(HttpStatusCode.NotFound, byTenant.StatusCode);
        using var across = await Http.GetAsync($"graph/v1.0/auditLogs/directoryAudits/{Uri.EscapeDataString(hiddenEvent.Id)}");
        Assert.Equal(HttpStatusCode.NotFound, across.StatusCode);

        var visibleEvent = events.First(e => e.TenantId == Visible && events.Count(o => o.Id == e.Id) == 1);
        using var visible = await Http.GetAsync($"graph/v1.0/auditLogs/directoryAudits/{Uri.EscapeDataString(visibleEvent.Id)}");
        Assert.Equal(HttpStatusCode.OK, visible.StatusCode);
    }

    [Fact]
    public async Task An_explicit_filter_on_a_hidden_tenant_finds_nothing()
    {
        using var response = await Http.GetAsync($"graph/v1.0/auditLogs/directoryAudits?$filter=tenantId eq '{Hidden}' or tenantId eq '{Visible}'&$top=999");
        var body = await GatewayHttpTests.ReadJsonAsync(response, HttpStatusCode.OK);
        Assert.All(body["value"]!.AsArray(), i => Assert.Equal(Visible, i!["tenantId"]!.GetValue<string>()));
        Assert.Equal(events.Count(e => e.TenantId == Visible), body["value"]!.AsArray().Count);
    }

    [Fact]
    public async Task Counts_exports_and_security_actions_leave_out_hidden_tenants()
    {
        using var counts = await Http.GetAsync("api/reports/directoryAudits/counts?groupBy=tenantId");
        var groups = (await GatewayHttpTests.ReadJsonAsync(counts, HttpStatusCode.OK))["value"]!.AsArray();
        Assert.Equal(
            [(tenants[0], (long)events.Count(e => e.TenantId == tenants[0])), (tenants[2], (long)events.Count(e => e.TenantId == tenants[2]))],
            groups.Select(g => (g!["tenantId"]!.GetValue<string>(), g["count"]!.GetValue<long>())).OrderBy(g => tenants.IndexOf(g.Item1)));

        using var export = await Http.GetAsync("graph/v1.0/auditLogs/directoryAudits?$format=ndjson");
        var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(events.Count(e => e.TenantId != Hidden), lines.Length);
        Assert.DoesNotContain(lines, l => l.Contains(Hidden, StringComparison.Ordinal));

        using var actions = await Http.GetAsync("graph/beta/security/securityActions");
        Assert.Empty((await GatewayHttpTests.ReadJsonAsync(actions, HttpStatusCode.OK))["value"]!.AsArray());
        using var action = await Http.GetAsync($"graph/tenants/{Hidden}/beta/security/securityActions/hidden-action");
        Assert.Equal(HttpStatusCode.NotFound, action.StatusCode);
    }
}
