using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using TenantAuditGrid.Store.Query;
using TenantAuditGrid.Testing.Audit;

namespace TenantAuditGrid.Host.Tests.Gateway;

/// <summary>
/// The official GraphServiceClient (the Microsoft.Graph pinned in Directory.Packages.props), pointed at the gateway as its baseUrl, pages through filtered
/// directoryAudits with PageIterator and gets exactly the ground-truth events, per tenant and across tenants.
/// </summary>
public abstract class GraphSdkTests(GatewayFixture fixture)
{
    public static TheoryData<string?> Filters => new()
    {
        null,
        "category eq 'RoleManagement'",
        "activityDateTime ge 2026-11-04T00:00:00Z and activityDateTime le 2026-11-10",
        "startswith(initiatedBy/user/userPrincipalName, 'adele') or initiatedBy/app/displayName eq 'MSP Tooling'",
        "targetResources/any(t: t/type eq 'Group')",
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task PageIterator_across_tenants_returns_every_matching_event_once(string? filter)
    {
        var client = Client(new Uri(fixture.Host.BaseAddress, "graph/v1.0"));
        var expected = Expected(filter, tenantId: null);

        var items = await IterateAsync(client, filter, top: 23);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, items.Select(Key).Order().ToList());
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task PageIterator_on_a_per_tenant_base_url_returns_that_tenants_matching_events(string? filter)
    {
        var tenantId = fixture.Tenants[1];
        var client = Client(new Uri(fixture.Host.BaseAddress, $"graph/tenants/{tenantId}/v1.0"));
        var expected = Expected(filter, tenantId);

        var items = await IterateAsync(client, filter, top: 11);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, items.Select(Key).Order().ToList());
    }

    [Fact]
    public async Task Count_and_lookup_by_id_work_through_the_sdk()
    {
        var tenantId = fixture.Tenants[2];
        var client = Client(new Uri(fixture.Host.BaseAddress, $"graph/tenants/{tenantId}/v1.0"));
        var response = await client.AuditLogs.DirectoryAudits.GetAsync(r =>
        {
            r.QueryParameters.Filter = "result eq 'success'";
            r.QueryParameters.Count = true;
            r.QueryParameters.Top = 5;
        });
        var expectedCount = Expected("result eq 'success'", tenantId).Count;
        Assert.Equal(expectedCount, response!.OdataCount);
        Assert.Equal(5, response.Value!.Count);
        Assert.NotNull(response.OdataNextLink);

        var first = response.Value[0];
        var single = await client.AuditLogs.DirectoryAudits[first.Id].GetAsync();
        Assert.Equal(first.Id, single!.Id);
        Assert.Equal(first.ActivityDateTime, single.ActivityDateTime);
        Assert.Equal(tenantId, TenantOf(single));
        Assert.Equal(OperationResult.Success, single.Result);
    }

    [Fact]
    public async Task Invalid_filter_surfaces_as_a_Graph_ODataError_with_BadRequest()
    {
        var client = Client(new Uri(fixture.Host.BaseAddress, "graph/v1.0"));
        var error = await Assert.ThrowsAsync<Microsoft.Graph.Models.ODataErrors.ODataError>(() =>
            client.AuditLogs.DirectoryAudits.GetAsync(r => r.QueryParameters.Filter = "nosuchproperty eq 'x'"));

        Assert.Equal(400, error.ResponseStatusCode);
        Assert.Equal("BadRequest", error.Error!.Code);
        Assert.Contains("nosuchproperty", error.Error.Message, StringComparison.Ordinal);
    }

    private List<(string, string)> Expected(string? filter, string? tenantId)
    {
        var parsed = Parsers.DirectoryAuditFilter(filter);
        return fixture.Events
            .Where(e => (tenantId is null || e.TenantId == tenantId) && InMemoryFilterEvaluator.Matches(parsed, e))
            .Select(e => (e.TenantId, e.Id)).Order().ToList();
    }

    private static async Task<List<DirectoryAudit>> IterateAsync(GraphServiceClient client, string? filter, int top)
    {
        var first = await client.AuditLogs.DirectoryAudits.GetAsync(r =>
        {
            r.QueryParameters.Filter = filter;
            r.QueryParameters.Top = top;
            r.QueryParameters.Orderby = ["activityDateTime desc"];
        });
        var items = new List<DirectoryAudit>();
        var iterator = PageIterator<DirectoryAudit, DirectoryAuditCollectionResponse>.CreatePageIterator(client, first!, item =>
        {
            items.Add(item);
            return true;
        });
        await iterator.IterateAsync();
        return items;
    }

    private static GraphServiceClient Client(Uri baseUrl) =>
        new(new HttpClient(), new AnonymousAuthenticationProvider(), baseUrl.ToString());

    private static (string, string) Key(DirectoryAudit audit) => (TenantOf(audit), audit.Id!);

    private static string TenantOf(DirectoryAudit audit) => audit.AdditionalData["tenantId"] switch
    {
        string s => s,
        UntypedString u => u.GetValue()!,
        Guid g => g.ToString("D"),
        var other => throw new InvalidOperationException($"tenantId came back as {other?.GetType().Name}"),
    };
}

public sealed class PostgresGraphSdkTests(PostgresGatewayFixture fixture) : GraphSdkTests(fixture), IClassFixture<PostgresGatewayFixture>;

public sealed class SqliteGraphSdkTests(SqliteGatewayFixture fixture) : GraphSdkTests(fixture), IClassFixture<SqliteGatewayFixture>;
