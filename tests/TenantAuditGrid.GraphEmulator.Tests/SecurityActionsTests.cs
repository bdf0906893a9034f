using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TenantAuditGrid.GraphEmulator;

using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.GraphEmulator.Tests;

public sealed class SecurityActionsTests : IAsyncLifetime
{
    private const string Actions = "beta/security/securityActions";
    private GraphEmulatorServer server = null!;

    public async Task InitializeAsync() => server = await GraphEmulatorServer.StartAsync(FrozenEmulator.Options(tenants: 1));

    public async Task DisposeAsync() => await server.DisposeAsync();

    private Guid Tenant => server.Control.Tenants()[0].Id;

    [Fact]
    public async Task Create_returns_201_with_caller_identity_from_the_token_and_status_moves_over_time()
    {
        using var http = await ClientAsync();
        using var created = await http.PostAsJsonAsync(Actions, new
        {
            name = "BlockIp",
            actionReason = "Brute force from this address",
            parameters = new[] { new { name = "IP", value = "1.2.3.4" } },
            vendorInformation = new { provider = "Windows Defender ATP", vendor = "Microsoft" },
            appId = "spoofed-app",
            azureTenantId = "spoofed-tenant",
        });
        var action = await created.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull(created.Headers.Location);
        Assert.Equal("notStarted", action.GetProperty("status").GetString());
        Assert.Equal(server.SharedApp.ClientId, action.GetProperty("appId").GetString());
        Assert.Equal(Tenant.ToString(), action.GetProperty("azureTenantId").GetString());
        var id = action.GetProperty("id").GetString()!;

        server.Control.AdvanceClock(TimeSpan.FromSeconds(45));
        Assert.Equal("running", await StatusAsync(http, id));

        server.Control.AdvanceClock(TimeSpan.FromMinutes(5));
        var final = await http.GetFromJsonAsync<JsonElement>($"{Actions}/{id}");
        Assert.Contains(final.GetProperty("status").GetString(), new[] { "completed", "failed" });
        Assert.Equal(["notStarted", "running", final.GetProperty("status").GetString()], final.GetProperty("states").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
        Assert.Equal(final.GetProperty("status").GetString(), server.Control.SecurityActions(Tenant).Single().Status);
    }

    [Fact]
    public async Task Cancel_returns_200_without_body_and_ends_the_action()
    {
        using var http = await ClientAsync();
        var id = await CreateAsync(http);

        using var cancel = await http.PostAsync($"{Actions}/{id}/cancelSecurityAction", null);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(string.Empty, await cancel.Content.ReadAsStringAsync());
        var action = await http.GetFromJsonAsync<JsonElement>($"{Actions}/{id}");
        Assert.Equal("failed", action.GetProperty("status").GetString());
        Assert.Equal("Canceled", action.GetProperty("errorInfo").GetProperty("code").GetString());
        using var again = await http.PostAsync($"{Actions}/{id}/cancelSecurityAction", null);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Create_needs_ReadWrite_and_list_accepts_Read()
    {
        server.Control.Grant(Tenant, server.SharedApp.ClientId, [GraphRoles.SecurityActionsReadAll]);
        using var http = await ClientAsync();

        using var create = await http.PostAsJsonAsync(Actions, new { name = "BlockIp", parameters = new[] { new { name = "IP", value = "1.2.3.4" } } });
        var body = await create.Content.ReadFromJsonAsync<JsonElement>();
        using var list = await http.GetAsync(Actions);

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal("Authorization_RequestDenied", GraphRaw.ErrorCode(body));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Empty(server.Control.SecurityActions(Tenant));
    }

    [Theory]
    [InlineData("{\"parameters\":[{\"name\":\"IP\",\"value\":\"1.2.3.4\"}]}")]
    [InlineData("{\"name\":\"BlockIp\"}")]
    [InlineData("{\"name\":\"BlockIp\",\"parameters\":[]}")]
    [InlineData("not json")]
    public async Task Invalid_create_is_400_and_creates_nothing(string json)
    {
        using var http = await ClientAsync();
        using var response = await http.PostAsync(Actions, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(server.Control.SecurityActions(Tenant));
    }

    [Fact]
    public async Task List_honours_top_and_pages_with_nextLink_newest_first_without_repeats()
    {
        for (var i = 0; i < 7; i++)
        {
            server.Control.SubmitSecurityAction(Tenant, new SecurityActionSpec { Age = TimeSpan.FromMinutes(i) });
        }

        using var http = await ClientAsync();
        var pages = new List<JsonElement>();
        var page = await http.GetFromJsonAsync<JsonElement>($"{Actions}?$top=3");
        pages.Add(page);
        while (page.TryGetProperty("@odata.nextLink", out var next))
        {
            Assert.Contains("$skiptoken=", next.GetString());
            page = await http.GetFromJsonAsync<JsonElement>(next.GetString());
            pages.Add(page);
        }

        Assert.Equal([3, 3, 1], pages.Select(p => p.GetProperty("value").GetArrayLength()));
        var ids = pages.SelectMany(p => p.GetProperty("value").EnumerateArray()).Select(a => a.GetProperty("id").GetString()!).ToList();
        Assert.Equal(server.Control.SecurityActions(Tenant).Select(a => a.Id), ids);
        var created = pages.SelectMany(p => p.GetProperty("value").EnumerateArray()).Select(a => a.GetProperty("createdDateTime").GetDateTimeOffset()).ToList();
        Assert.Equal(created.OrderByDescending(c => c), created);
    }

    [Fact]
    public async Task An_action_created_between_pages_neither_shifts_nor_repeats_the_rest()
    {
        for (var i = 1; i <= 4; i++)
        {
            server.Control.SubmitSecurityAction(Tenant, new SecurityActionSpec { Age = TimeSpan.FromMinutes(i) });
        }

        var before = server.Control.SecurityActions(Tenant).Select(a => a.Id).ToList();
        using var http = await ClientAsync();
        var first = await http.GetFromJsonAsync<JsonElement>($"{Actions}?$top=2");
        server.Control.SubmitSecurityAction(Tenant);
        var second = await http.GetFromJsonAsync<JsonElement>(first.GetProperty("@odata.nextLink").GetString());

        var ids = new[] { first, second }.SelectMany(p => p.GetProperty("value").EnumerateArray()).Select(a => a.GetProperty("id").GetString()!).ToList();
        Assert.Equal(before, ids);
        Assert.False(second.TryGetProperty("@odata.nextLink", out _));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000")]
    [InlineData("ten")]
    public async Task List_with_a_top_outside_1_to_999_is_400(string top)
    {
        using var http = await ClientAsync();
        using var response = await http.GetAsync($"{Actions}?$top={top}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadRequest", GraphRaw.ErrorCode(await response.Content.ReadFromJsonAsync<JsonElement>()));
    }

    [Fact]
    public async Task A_forged_or_foreign_skiptoken_is_refused_as_Graph_does()
    {
        using var http = await ClientAsync();
        using var forged = await http.GetAsync($"{Actions}?$skiptoken=not-a-token");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("Request_BadRequest", GraphRaw.ErrorCode(await forged.Content.ReadFromJsonAsync<JsonElement>()));
    }

    [Fact]
    public async Task Injected_throttling_answers_429_with_Retry_After_on_securityActions()
    {
        server.Control.Faults = new FaultOptions { ThrottledRate = 1 };
        using var http = await ClientAsync();
        using var response = await http.GetAsync(Actions);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 4);
        Assert.Equal("TooManyRequests", GraphRaw.ErrorCode(await response.Content.ReadFromJsonAsync<JsonElement>()));
    }

    [Fact]
    public void Submitted_actions_progress_from_their_creation_instant()
    {
        var old = server.Control.SubmitSecurityAction(Tenant, new SecurityActionSpec { Age = TimeSpan.FromMinutes(10) });
        var fresh = server.Control.SubmitSecurityAction(Tenant);

        Assert.Contains(old.Status, new[] { "completed", "failed" });
        Assert.Equal("notStarted", fresh.Status);
        Assert.Equal(server.SharedApp.ClientId, fresh.AppId);
        Assert.Throws<EmulatorControlException>(() => server.Control.SubmitSecurityAction(Tenant, new SecurityActionSpec { Age = TimeSpan.FromMinutes(-1) }));
    }

    private async Task<HttpClient> ClientAsync()
    {
        var http = EmulatorClients.PinnedHttpClient(server);
        http.DefaultRequestHeaders.Authorization = new("Bearer", await EmulatorClients.TokenAsync(EmulatorClients.SharedAppCredential(server, Tenant)));
        return http;
    }

    private static async Task<string> CreateAsync(HttpClient http)
    {
        using var created = await http.PostAsJsonAsync(Actions, new { name = "BlockIp", parameters = new[] { new { name = "IP", value = "1.2.3.4" } } });
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<string> StatusAsync(HttpClient http, string id) =>
        (await http.GetFromJsonAsync<JsonElement>($"{Actions}/{id}")).GetProperty("status").GetString()!;
}
