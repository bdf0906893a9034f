using System.Net;
using System.Net.Http.Json;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Host.Tests.Access;
using TenantAuditGrid.Testing;
using TenantAuditGrid.Testing.Emulator;
using TenantAuditGrid.Testing.Hosts;

namespace TenantAuditGrid.Host.Tests.Cluster;

/// <summary>
/// The customer scope in cluster mode: a silo on PostgreSQL, whose Admin signs in with an Entra app token (a cluster has no bootstrap
/// key), held to the same walk as the embedded host on SQLite.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CustomerScopeClusterTests : IAsyncLifetime
{
    private GraphEmulatorServer emulator = null!;
    private TestDatabase database = null!;
    private RunningHost silo = null!;

    public async Task InitializeAsync()
    {
        emulator = await GraphEmulatorServer.StartAsync(new EmulatorOptions { TenantCount = 2, Seed = 23, Activity = new ActivityOptions { FreeLicenceShare = 0 } });
        database = await PostgresServer.CreateDatabaseAsync("customerscope");
        silo = await RunningHost.StartClusterAsync(
            Guid.NewGuid().ToString("N"),
            [.. HostArgs.GraphAt(emulator), "--Logging:LogLevel:Default=Warning"],
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = database.ConnectionString,
                ["TenantAuditGrid__Credentials__MasterKey"] = Convert.ToBase64String(new byte[32]),
            });
        silo.UseBearer(await EmulatorOperators.AppTokenAsync(emulator, EmulatorOperators.Admin));
    }

    public async Task DisposeAsync()
    {
        await silo.DisposeAsync();
        await database.DisposeAsync();
        await emulator.DisposeAsync();
    }

    [Fact]
    public async Task A_reader_and_an_operator_of_one_customer_see_nothing_of_another_on_any_route()
    {
        var tenants = emulator.Control.Tenants();
        foreach (var (customer, tenant) in new[] { ("alpha", tenants[0]), ("beta", tenants[1]) })
        {
            using var created = await silo.Http.PostAsJsonAsync("/api/customers", new { id = customer, displayName = customer });
            using var onboarded = await silo.Http.PostAsJsonAsync("/api/tenants", new { tenantId = tenant.Id, displayName = tenant.DisplayName, customerId = customer });
            Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (created.StatusCode, onboarded.StatusCode));
        }

        var wrong = await new CustomerScopeWalk(silo.Http, ClientWith)
        {
            CustomerA = "alpha",
            TenantA = tenants[0].Id,
            CustomerB = "beta",
            TenantB = tenants[1].Id,
        }.RunAsync();

        Assert.Empty(wrong);
    }

    private HttpClient ClientWith(string bearer)
    {
        var client = new HttpClient { BaseAddress = silo.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        return client;
    }
}
