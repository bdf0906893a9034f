using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TenantAuditGrid.Host.Tests.Access;

/// <summary>
/// Two customers, each with an onboarded tenant that has synced events, seen by a Reader key and an Operator key of the first
/// customer only. The walk visits every route of the Host's route table that names a tenant, and the cross-tenant lists, and
/// returns every answer that let the second customer show through; the Admin's view of the same data proves there was something
/// to hide. Shared by the embedded (SQLite) and the cluster (PostgreSQL) tests, so both modes are held to one list.
/// </summary>
internal sealed class CustomerScopeWalk(HttpClient admin, Func<string, HttpClient> clientWith)
{
    public required string CustomerA { get; init; }

    public required Guid TenantA { get; init; }

    public required string CustomerB { get; init; }

    public required Guid TenantB { get; init; }

    /// <summary>Creates a key of <paramref name="role"/> that sees <paramref name="customers"/> only; returns the key.</summary>
    public static async Task<string> KeyAsync(HttpClient admin, string role, params string[] customers)
    {
        using var response = await admin.PostAsJsonAsync("/api/keys", new { displayName = $"{role} of {string.Join(", ", customers)}", role, customers });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    /// <summary>Waits until the tenant has stored at least one event, as the Admin sees it; returns one event's id.</summary>
    public static async Task<string> FirstEventIdAsync(HttpClient admin, Guid tenantId)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/graph/tenants/{tenantId}/v1.0/auditLogs/directoryAudits?$top=1");
            if (page.GetProperty("value").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first)
            {
                return first.GetProperty("id").GetString()!;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        throw new TimeoutException($"tenant {tenantId} stored no event within two minutes");
    }

    /// <summary>The walk as a Reader key and an Operator key of <see cref="CustomerA"/>.</summary>
    public async Task<IReadOnlyList<string>> RunAsync()
    {
        using var reader = clientWith(await KeyAsync(admin, "reader", CustomerA));
        using var operatorClient = clientWith(await KeyAsync(admin, "operator", CustomerA));
        return await RunAsync(reader, operatorClient);
    }

    /// <summary>The walk as callers the test made, which must see <see cref="CustomerA"/> only: a Reader and an Operator.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(HttpClient reader, HttpClient operatorClient)
    {
        var wrong = new List<string>();
        var eventA = await FirstEventIdAsync(admin, TenantA);
        var eventB = await FirstEventIdAsync(admin, TenantB);

        await WalkTenantRoutesAsync(reader, "Reader", eventA, eventB, wrong);
        await WalkTenantRoutesAsync(operatorClient, "Operator", eventA, eventB, wrong);
        await CheckListsAsync(reader, eventA, eventB, wrong);
        return wrong;
    }

    private async Task WalkTenantRoutesAsync(HttpClient caller, string role, string eventA, string eventB, List<string> wrong)
    {
        var held = Enum.Parse<Host.Access.OperatorRole>(role);
        foreach (var route in (await HostRouteTable.ReadAsync()).Where(r => r.Pattern.Contains("{tenantId}", StringComparison.Ordinal)))
        {
            var mayCall = held >= Enum.Parse<Host.Access.OperatorRole>(route.Access);
            foreach (var (tenant, eventId, mine) in new[] { (TenantA, eventA, true), (TenantB, eventB, false) })
            {
                var path = route.Pattern.Replace("{tenantId}", tenant.ToString(), StringComparison.Ordinal)
                    .Replace("{id}", Uri.EscapeDataString(eventId), StringComparison.Ordinal);
                using var response = await caller.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method), path));
                var status = (int)response.StatusCode;
                var ok = !mayCall ? status == 403
                    : !mine ? status == 404
                    : route.Pattern.Contains("securityActions/{id}", StringComparison.Ordinal) ? status is 200 or 404 // no such action is fine
                    : status is >= 200 and < 300;
                if (!ok)
                {
                    wrong.Add($"{role} of {CustomerA}: {route.Method} {path} answered {status}");
                }
            }
        }
    }

    private async Task CheckListsAsync(HttpClient reader, string eventA, string eventB, List<string> wrong)
    {
        void Expect(bool holds, string what)
        {
            if (!holds)
            {
                wrong.Add(what);
            }
        }

        var tenants = await reader.GetFromJsonAsync<JsonElement>("/api/tenants?pageSize=1000");
        var listed = tenants.GetProperty("value").EnumerateArray().Select(t => t.GetProperty("tenantId").GetString()).ToList();
        Expect(listed.Contains(TenantA.ToString()) && !listed.Contains(TenantB.ToString()), $"tenant list showed [{string.Join(", ", listed)}]");
        using (var otherCustomer = await reader.GetAsync($"/api/tenants?customer={CustomerB}"))
        {
            Expect(otherCustomer.StatusCode == HttpStatusCode.BadRequest, $"tenant list of {CustomerB} answered {(int)otherCustomer.StatusCode}");
        }

        var filter = $"/graph/v1.0/auditLogs/directoryAudits?$count=true&$top=1&$filter=tenantId eq '{TenantB}'";
        var adminSees = (await admin.GetFromJsonAsync<JsonElement>(filter)).GetProperty("@odata.count").GetInt64();
        var readerSees = (await reader.GetFromJsonAsync<JsonElement>(filter)).GetProperty("@odata.count").GetInt64();
        Expect(adminSees > 0 && readerSees == 0, $"events of {TenantB}: admin saw {adminSees}, reader {readerSees}");

        var across = await reader.GetFromJsonAsync<JsonElement>("/graph/v1.0/auditLogs/directoryAudits?$top=999");
        var acrossTenants = across.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("tenantId").GetString()).ToHashSet();
        Expect(acrossTenants.SetEquals([TenantA.ToString()]), $"cross-tenant list showed tenants [{string.Join(", ", acrossTenants)}]");

        using (var hidden = await reader.GetAsync($"/graph/v1.0/auditLogs/directoryAudits/{Uri.EscapeDataString(eventB)}"))
        using (var visible = await reader.GetAsync($"/graph/v1.0/auditLogs/directoryAudits/{Uri.EscapeDataString(eventA)}"))
        {
            Expect(hidden.StatusCode == HttpStatusCode.NotFound && visible.StatusCode == HttpStatusCode.OK,
                $"events by id: {CustomerB}'s answered {(int)hidden.StatusCode}, {CustomerA}'s {(int)visible.StatusCode}");
        }

        var counts = await reader.GetFromJsonAsync<JsonElement>("/api/reports/directoryAudits/counts?groupBy=tenantId");
        var counted = counts.GetProperty("value").EnumerateArray().Select(g => g.GetProperty("tenantId").GetString()).ToList();
        Expect(counted.SequenceEqual([TenantA.ToString()]), $"counts grouped by tenant showed [{string.Join(", ", counted)}]");

        var customers = await reader.GetFromJsonAsync<JsonElement>("/api/customers");
        var customerIds = customers.GetProperty("value").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Expect(customerIds.SequenceEqual([CustomerA]), $"customers listed [{string.Join(", ", customerIds)}]");
        using (var otherCustomer = await reader.GetAsync($"/api/customers/{CustomerB}"))
        {
            Expect(otherCustomer.StatusCode == HttpStatusCode.NotFound, $"customer {CustomerB} answered {(int)otherCustomer.StatusCode}");
        }

        var me = await reader.GetFromJsonAsync<JsonElement>("/api/me");
        Expect(
            !me.GetProperty("allCustomers").GetBoolean() && me.GetProperty("customers").EnumerateArray().Select(c => c.GetString()).SequenceEqual([CustomerA]),
            $"/api/me said {me}");
    }
}
