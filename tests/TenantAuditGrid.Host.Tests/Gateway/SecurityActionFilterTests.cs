using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using TenantAuditGrid.Testing.Audit;

namespace TenantAuditGrid.Host.Tests.Gateway;

/// <summary>
/// $filter on securityActions over HTTP: the useful subset (status, actionReason, vendorInformation/provider, createdDateTime ranges,
/// tenantId eq/in) returns exactly the actions a C# predicate over the stored actions selects, ignoring case on strings as Graph does;
/// anything else is a 400 with Graph's error body.
/// </summary>
public abstract class SecurityActionFilterTests(string kind) : IAsyncLifetime
{
    private static readonly string[] Statuses = ["notStarted", "running", "completed", "failed"];
    private static readonly string[] Reasons = ["Suspicious sign-in", "Malware found", "Test"];
    private static readonly string[] Providers = ["Windows Defender ATP", "Contoso EDR"];
    private static readonly DateTimeOffset Origin = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<(string TenantId, string Id, string Status, string Reason, string Provider, DateTimeOffset? Created)> actions = [];
    private TestStore? store;
    private GatewayHost? host;
    private List<string> tenants = [];

    public async Task InitializeAsync()
    {
        store = await TestStore.CreateAsync(kind, "securityactionfilters");
        tenants = new AuditEventGenerator(5).Tenants(3);
        var n = 0;
        foreach (var tenant in tenants)
        {
            for (var i = 0; i < 8; i++, n++)
            {
                // Creation times are shared by actions in different tenants, so the order's tie-break is exercised; two actions of the
                // second tenant have no creation time at all.
                DateTimeOffset? created = n is 9 or 13 ? null : Origin.AddHours((n % 12) * 7);
                var action = (tenant, $"action-{n}", Statuses[n % 4], Reasons[n % 3], Providers[(n / 2) % 2], created);
                actions.Add(action);
                var payload = new JsonObject
                {
                    ["name"] = "BlockIp",
                    ["status"] = action.Item3,
                    ["actionReason"] = action.Item4,
                    ["parameters"] = new JsonArray(new JsonObject { ["name"] = "IP", ["value"] = $"10.0.0.{i}" }),
                    ["vendorInformation"] = new JsonObject { ["provider"] = action.Item5, ["vendor"] = "Microsoft" },
                };
                if (created is { } at)
                {
                    payload["createdDateTime"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                    payload["lastActionDateTime"] = payload["createdDateTime"]!.DeepClone();
                }

                await store.InsertSecurityActionAsync(tenant, action.Item2, payload);
            }
        }

        host = await GatewayHost.StartAsync(store);
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (store is not null)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Supported_filters_return_exactly_the_matching_actions_across_tenants_and_per_tenant()
    {
        var created = Origin.AddHours(40);
        var cases = new List<(string Filter, Func<(string TenantId, string Id, string Status, string Reason, string Provider, DateTimeOffset? Created), bool> Expected)>
        {
            ("status eq 'completed'", a => a.Status == "completed"),
            ("status eq 'Completed'", a => a.Status == "completed"),
            ("status ne 'NotStarted'", a => a.Status != "notStarted"),
            ("actionReason eq 'SUSPICIOUS SIGN-IN'", a => a.Reason == "Suspicious sign-in"),
            ("actionReason ne 'test' and status eq 'failed'", a => a.Reason != "Test" && a.Status == "failed"),
            ("vendorInformation/provider eq 'windows defender atp'", a => a.Provider == "Windows Defender ATP"),
            ($"createdDateTime ge {created:yyyy-MM-dd'T'HH:mm:ss'Z'} and createdDateTime lt {created.AddDays(2):yyyy-MM-dd'T'HH:mm:ss'Z'}",
                a => a.Created >= created && a.Created < created.AddDays(2)),
            ($"tenantId eq '{tenants[1].ToUpperInvariant()}'", a => a.TenantId == tenants[1]),
            ($"tenantId in ('{tenants[0]}', '{tenants[2]}') and vendorInformation/provider ne 'Contoso EDR'",
                a => (a.TenantId == tenants[0] || a.TenantId == tenants[2]) && a.Provider != "Contoso EDR"),
        };

        foreach (var (filter, expected) in cases)
        {
            var want = actions.Where(expected).Select(a => $"{a.TenantId}/{a.Id}").Order(StringComparer.Ordinal).ToList();
            Assert.NotEmpty(want);
            Assert.Equal(want, await ListAsync($"graph/beta/security/securityActions?$top=5&$filter={Uri.EscapeDataString(filter)}"));
            var tenant = tenants[2];
            Assert.Equal(
                want.Where(key => key.StartsWith(tenant + "/", StringComparison.Ordinal)).ToList(),
                await ListAsync($"graph/tenants/{tenant}/beta/security/securityActions?$filter={Uri.EscapeDataString(filter)}"));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("status ne 'completed'")]
    public async Task Pages_list_actions_newest_first_then_by_tenant_and_id_with_undated_actions_last(string? filter)
    {
        var query = filter is null ? string.Empty : $"&$filter={Uri.EscapeDataString(filter)}";
        var expected = actions
            .Where(a => filter is null || a.Status != "completed")
            .OrderByDescending(a => a.Created ?? DateTimeOffset.MinValue)
            .ThenByDescending(a => a.TenantId, StringComparer.Ordinal)
            .ThenByDescending(a => a.Id, StringComparer.Ordinal)
            .Select(a => $"{a.TenantId}/{a.Id}")
            .ToList();
        Assert.Contains(actions, a => a.Created is null && (filter is null || a.Status != "completed"));

        Assert.Equal(expected, await ListAsync($"graph/beta/security/securityActions?$top=5{query}", keepOrder: true));
        var tenant = tenants[1]; // the one holding the undated actions
        var expectedForTenant = expected.Where(key => key.StartsWith(tenant + "/", StringComparison.Ordinal)).ToList();
        Assert.Equal(expectedForTenant, await ListAsync($"graph/tenants/{tenant}/beta/security/securityActions?$top=3{query}", keepOrder: true));
        // Pages of one put a page boundary between every two actions: dated to dated, dated to undated, undated to undated.
        Assert.Equal(expectedForTenant, await ListAsync($"graph/tenants/{tenant}/beta/security/securityActions?$top=1{query}", keepOrder: true));
    }

    [Theory]
    [InlineData("nosuchproperty eq 'x'", "nosuchproperty")]
    [InlineData("actionReason gt 'a'", "not supported")]
    [InlineData("contains(actionReason, 'a')", "not supported")]
    [InlineData("createdDateTime eq 'yesterday'", "$filter")]
    [InlineData("status eq", "$filter")]
    public async Task Unsupported_filters_are_400_with_Graph_error_body(string filter, string named)
    {
        using var response = await host!.Client.GetAsync($"graph/beta/security/securityActions?$filter={Uri.EscapeDataString(filter)}");
        await GatewayHttpTests.AssertGraphErrorAsync(response, named);
    }

    [Fact]
    public async Task A_skiptoken_is_bound_to_its_filter()
    {
        using var first = await host!.Client.GetAsync("graph/beta/security/securityActions?$top=2&$filter=status eq 'running'");
        var nextLink = (await GatewayHttpTests.ReadJsonAsync(first, HttpStatusCode.OK))["@odata.nextLink"]!.GetValue<string>();
        var token = nextLink[(nextLink.IndexOf("skiptoken=", StringComparison.Ordinal) + 10)..];

        using var other = await host.Client.GetAsync($"graph/beta/security/securityActions?$top=2&$filter=status eq 'failed'&$skiptoken={token}");
        await GatewayHttpTests.AssertGraphErrorAsync(other, "different query");
    }

    private async Task<List<string>> ListAsync(string url, bool keepOrder = false)
    {
        var keys = new List<string>();
        string? next = url;
        while (next is not null)
        {
            using var response = await host!.Client.GetAsync(next);
            var body = await GatewayHttpTests.ReadJsonAsync(response, HttpStatusCode.OK);
            keys.AddRange(body["value"]!.AsArray().Select(a => $"{a!["tenantId"]}/{a["id"]}"));
            next = body["@odata.nextLink"]?.GetValue<string>();
        }

        return keepOrder ? keys : keys.Order(StringComparer.Ordinal).ToList();
    }
}

public sealed class PostgresSecurityActionFilterTests() : SecurityActionFilterTests("postgres");

public sealed class SqliteSecurityActionFilterTests() : SecurityActionFilterTests("sqlite");
