using System.Net;
using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using TenantAuditGrid.Host.Tests.Tenants;
using TenantAuditGrid.Testing;
using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.Host.Tests.Access;

/// <summary>
/// The official GraphServiceClient reads the gateway with the two credentials an MSP's script would hold: an API key given to a plain
/// bearer-token provider, and an Entra app token for the product's API. Without either it gets the 401 any Graph call would.
/// </summary>
[Collection(EmulatedHostCollection.Name)]
public sealed class GraphSdkAccessTests(EmulatedHostFixture fixture)
{
    [Fact]
    public async Task The_graph_sdk_reads_the_gateway_with_an_api_key_or_an_entra_token_of_the_tenants_customer_and_is_refused_without_one()
    {
        var customer = $"sdk-{Guid.NewGuid():N}"[..16];
        await fixture.SendAsync(HttpMethod.Post, "/api/customers", new { id = customer, displayName = "SDK customer" });
        var tenant = fixture.NewTenant();
        var (onboarded, _) = await fixture.SendAsync(
            HttpMethod.Post, "/api/tenants", new { tenantId = tenant.Id, displayName = "SDK reader", customerId = customer, sources = new[] { "directoryAudits" } });
        Assert.Equal(HttpStatusCode.Created, onboarded.StatusCode);
        var path = $"/graph/tenants/{tenant.Id}/v1.0/auditLogs/directoryAudits?$top=20&$orderby=activityDateTime desc";
        var expected = new List<string>();
        await Waits.UntilAsync(
            async () =>
            {
                var (_, page) = await fixture.SendAsync(HttpMethod.Get, path);
                expected = [.. page.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];
                return expected.Count > 0;
            },
            TimeSpan.FromSeconds(60),
            "the tenant's first synced events");
        var readerKey = (await fixture.SendAsync(HttpMethod.Post, "/api/keys", new { displayName = "sdk", role = "reader", customers = new[] { customer } })).Body.GetProperty("key").GetString()!;
        var (objectId, entraToken) = await EmulatorOperators.AppAsync(fixture.Emulator, [], EmulatorOperators.Reader);
        await fixture.SendAsync(HttpMethod.Put, $"/api/grants/user/{objectId}", new { customers = new[] { customer } });

        var withKey = await ReadAsync(Client(tenant.Id, readerKey));
        var withToken = await ReadAsync(Client(tenant.Id, entraToken));
        var refused = await Assert.ThrowsAnyAsync<ApiException>(() => ReadAsync(Client(tenant.Id, bearer: null)));

        Assert.Equal(expected, withKey);
        Assert.Equal(expected, withToken);
        Assert.Equal((int)HttpStatusCode.Unauthorized, refused.ResponseStatusCode);
    }

    private static async Task<List<string>> ReadAsync(GraphServiceClient client)
    {
        var page = await client.AuditLogs.DirectoryAudits.GetAsync(r =>
        {
            r.QueryParameters.Top = 20;
            r.QueryParameters.Orderby = ["activityDateTime desc"];
        });
        return [.. page!.Value!.Select(e => e.Id!)];
    }

    private GraphServiceClient Client(Guid tenantId, string? bearer)
    {
        var baseUrl = new Uri(fixture.Http.BaseAddress!, $"graph/tenants/{tenantId}/v1.0").ToString();
        IAuthenticationProvider authentication = bearer is null
            ? new AnonymousAuthenticationProvider()
            : new BaseBearerTokenAuthenticationProvider(new FixedBearer(bearer, fixture.Http.BaseAddress!.Host));
        return new GraphServiceClient(new HttpClient(), authentication, baseUrl);
    }

    /// <summary>The plain bearer-token provider a script writes for a key it keeps in a vault.</summary>
    private sealed class FixedBearer(string bearer, string host) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new([host]);

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(bearer);
    }
}
