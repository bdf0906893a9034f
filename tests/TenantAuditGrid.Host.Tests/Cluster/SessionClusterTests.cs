using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Testing;
using TenantAuditGrid.Testing.Emulator;
using TenantAuditGrid.Testing.Hosts;

namespace TenantAuditGrid.Host.Tests.Cluster;

/// <summary>
/// Browser sessions in a cluster: two silos on one PostgreSQL share the session key ring, so a person signed in through one silo is
/// signed in on the other, antiforgery token included, as a load balancer without sticky sessions would send them.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionClusterTests : IAsyncLifetime
{
    private GraphEmulatorServer emulator = null!;
    private TestDatabase database = null!;
    private RunningHost first = null!;
    private RunningHost second = null!;

    public async Task InitializeAsync()
    {
        emulator = await GraphEmulatorServer.StartAsync(new EmulatorOptions { TenantCount = 0, Seed = 29 });
        database = await PostgresServer.CreateDatabaseAsync("sessions");
        var clusterId = Guid.NewGuid().ToString("N");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["TenantAuditGrid__Credentials__MasterKey"] = Convert.ToBase64String(new byte[32]),
        };
        first = await RunningHost.StartClusterAsync(clusterId, [.. HostArgs.GraphAt(emulator), "--Logging:LogLevel:Default=Warning"], environment);
        second = await RunningHost.StartClusterAsync(clusterId, [.. HostArgs.GraphAt(emulator), "--Logging:LogLevel:Default=Warning"], environment);
        emulator.Control.RegisterOperatorRedirectUri(new Uri(first.BaseAddress, "signin-oidc"));
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
        await database.DisposeAsync();
        await emulator.DisposeAsync();
    }

    [Fact]
    public async Task A_person_signed_in_through_one_silo_is_signed_in_on_the_other_and_its_antiforgery_token_holds_there()
    {
        var admin = emulator.Control.CreateOperatorUser(new OperatorUserSpec("Cluster Admin", "cluster-admin@msp.example", [EmulatorOperators.Admin]));
        using var browser = new SignedInBrowser(first.BaseAddress);
        await browser.SignInAsync(admin.ObjectId);
        var token = await browser.AntiforgeryTokenAsync();

        // Cookies belong to the host name, not the port, as in a browser: the second silo gets the same cookies.
        var me = await browser.Http.GetFromJsonAsync<JsonElement>(new Uri(second.BaseAddress, "api/me"));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(second.BaseAddress, "api/customers"))
        {
            Content = JsonContent.Create(new { id = "made-on-second", displayName = "Made on the second silo" }),
        };
        request.Headers.Add("X-XSRF-TOKEN", token);
        using var created = await browser.Http.SendAsync(request);

        Assert.Equal((admin.ObjectId.ToString(), "user"), (me.GetProperty("id").GetString(), me.GetProperty("kind").GetString()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }
}
