using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Host.Tests.Tenants;
using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.Host.Tests.Access;

/// <summary>
/// Customers on the embedded Host (SQLite): a tenant belongs to one customer; Readers and Operators see the customers granted to
/// their key, object id or groups, and nothing of the others, on every route; Admins see everything. Bad customer input is a 400
/// that changes nothing.
/// </summary>
[Collection(EmulatedHostCollection.Name)]
public sealed class CustomerScopeTests(EmulatedHostFixture fixture)
{
    [Fact]
    public async Task A_reader_and_an_operator_of_one_customer_see_nothing_of_another_on_any_route()
    {
        var (a, b) = (await NewCustomerAsync("a"), await NewCustomerAsync("b"));
        var (tenantA, tenantB) = (await OnboardAsync(a), await OnboardAsync(b));

        var wrong = await new CustomerScopeWalk(fixture.Http, fixture.ClientWith)
        {
            CustomerA = a,
            TenantA = tenantA,
            CustomerB = b,
            TenantB = tenantB,
        }.RunAsync();

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task People_signed_in_in_a_browser_see_the_customers_granted_to_their_object_id_and_nothing_else_on_any_route()
    {
        var (a, b) = (await NewCustomerAsync("a"), await NewCustomerAsync("b"));
        var (tenantA, tenantB) = (await OnboardAsync(a), await OnboardAsync(b));
        var (readerUser, reader) = await fixture.SignedInAsync("Scoped reader", EmulatorOperators.Reader);
        var (operatorUser, operatorBrowser) = await fixture.SignedInAsync("Scoped operator", EmulatorOperators.Operator);
        foreach (var user in new[] { readerUser, operatorUser })
        {
            var (granted, _) = await fixture.SendAsync(HttpMethod.Put, $"/api/grants/user/{user.ObjectId}", new { customers = new[] { a } });
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        }

        await reader.UseAntiforgeryTokenAsync();
        await operatorBrowser.UseAntiforgeryTokenAsync();
        var wrong = await new CustomerScopeWalk(fixture.Http, fixture.ClientWith)
        {
            CustomerA = a,
            TenantA = tenantA,
            CustomerB = b,
            TenantB = tenantB,
        }.RunAsync(reader.Http, operatorBrowser.Http);

        Assert.Empty(wrong);
        reader.Dispose();
        operatorBrowser.Dispose();
    }

    [Fact]
    public async Task A_group_grant_reaches_every_member_and_adds_to_the_members_own_grant()
    {
        var (a, b) = (await NewCustomerAsync("a"), await NewCustomerAsync("b"));
        var (tenantA, tenantB) = (await OnboardAsync(a), await OnboardAsync(b));
        var group = Guid.NewGuid();
        var (objectId, token) = await EmulatorOperators.AppAsync(fixture.Emulator, [group], EmulatorOperators.Reader);
        using var member = fixture.ClientWith(token);

        var before = await VisibleTenantsAsync(member);
        var (grantGroup, _) = await fixture.SendAsync(HttpMethod.Put, $"/api/grants/group/{group}", new { customers = new[] { a } });
        var withGroup = await VisibleTenantsAsync(member);
        var (grantUser, _) = await fixture.SendAsync(HttpMethod.Put, $"/api/grants/user/{objectId}", new { customers = new[] { b } });
        var withBoth = await VisibleTenantsAsync(member);
        var (_, grants) = await fixture.SendAsync(HttpMethod.Get, "/api/grants");

        Assert.Empty(before);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (grantGroup.StatusCode, grantUser.StatusCode));
        Assert.Equal([tenantA.ToString()], withGroup);
        Assert.Equal(new[] { tenantA.ToString(), tenantB.ToString() }.Order(StringComparer.Ordinal), withBoth);
        var listed = grants.GetProperty("value").EnumerateArray().Single(g => g.GetProperty("id").GetString() == group.ToString());
        Assert.Equal(("group", a), (listed.GetProperty("kind").GetString(), listed.GetProperty("customers")[0].GetString()));
    }

    [Fact]
    public async Task Moving_a_tenant_to_another_customer_takes_it_out_of_a_readers_scope_on_the_next_request()
    {
        var (a, b) = (await NewCustomerAsync("a"), await NewCustomerAsync("b"));
        var tenant = await OnboardAsync(a, waitForEvents: false);
        using var reader = fixture.ClientWith(await CustomerScopeWalk.KeyAsync(fixture.Http, "reader", a));

        using var before = await reader.GetAsync($"/api/tenants/{tenant}");
        var (moved, view) = await fixture.SendAsync(HttpMethod.Patch, $"/api/tenants/{tenant}", new { customerId = b });
        using var after = await reader.GetAsync($"/api/tenants/{tenant}");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal((HttpStatusCode.OK, b), (moved.StatusCode, view.GetProperty("customerId").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task An_unknown_customer_is_a_400_on_onboarding_moving_and_batch_rows_and_nothing_changes()
    {
        var a = await NewCustomerAsync("a");
        var fresh = fixture.NewTenant();
        var kept = await OnboardAsync(a, waitForEvents: false);

        var (onboard, onboardBody) = await fixture.SendAsync(
            HttpMethod.Post, "/api/tenants", new { tenantId = fresh.Id, displayName = "Nowhere", customerId = "no-such-customer" });
        var (notCreated, _) = await fixture.SendAsync(HttpMethod.Get, $"/api/tenants/{fresh.Id}");
        var (move, moveBody) = await fixture.SendAsync(HttpMethod.Patch, $"/api/tenants/{kept}", new { customerId = "no-such-customer", displayName = "Renamed" });
        var (_, unchanged) = await fixture.SendAsync(HttpMethod.Get, $"/api/tenants/{kept}");
        using var csv = new StringContent($"tenantId,displayName,customerId\n{fresh.Id},Nowhere,no-such-customer\n", Encoding.UTF8, "text/csv");
        var (batch, batchBody) = await fixture.SendAsync(HttpMethod.Post, "/api/tenants:batch", csv);

        Assert.Equal(HttpStatusCode.BadRequest, onboard.StatusCode);
        Assert.Contains("no-such-customer", onboardBody.GetProperty("errors").GetProperty("customerId")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notCreated.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, move.StatusCode);
        Assert.True(moveBody.GetProperty("errors").TryGetProperty("customerId", out _));
        Assert.Equal((a, "Scoped a"), (unchanged.GetProperty("customerId").GetString(), unchanged.GetProperty("displayName").GetString()));
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var row = batchBody.GetProperty("results")[0];
        Assert.Equal("invalid", row.GetProperty("status").GetString());
        Assert.True(row.GetProperty("errors").TryGetProperty("customerId", out _));
    }

    [Fact]
    public async Task Customers_and_grants_refuse_what_they_cannot_hold_and_change_nothing()
    {
        var a = await NewCustomerAsync("a");
        await OnboardAsync(a, waitForEvents: false);
        var group = Guid.NewGuid();

        var (badId, badIdBody) = await fixture.SendAsync(HttpMethod.Post, "/api/customers", new { id = "Has Spaces", displayName = "x" });
        var (duplicate, _) = await fixture.SendAsync(HttpMethod.Post, "/api/customers", new { id = a, displayName = "Again" });
        var (withTenants, _) = await fixture.SendAsync(HttpMethod.Delete, $"/api/customers/{a}");
        var (_, stillThere) = await fixture.SendAsync(HttpMethod.Get, $"/api/customers/{a}");
        var (unknownGrant, unknownGrantBody) = await fixture.SendAsync(HttpMethod.Put, $"/api/grants/group/{group}", new { customers = new[] { a, "no-such-customer" } });
        var (noGrant, _) = await fixture.SendAsync(HttpMethod.Get, $"/api/grants/group/{group}");
        var (badKind, _) = await fixture.SendAsync(HttpMethod.Put, $"/api/grants/team/{group}", new { allCustomers = true });
        var adminKeyId = fixture.AdminKey.Split('_')[1];
        var (adminKeyGrant, adminKeyGrantBody) = await fixture.SendAsync(HttpMethod.Put, $"/api/grants/apiKey/{adminKeyId}", new { customers = new[] { a } });

        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Contains("lowercase", badIdBody.GetProperty("errors").GetProperty("id")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, withTenants.StatusCode);
        Assert.Equal($"Scoped {a[0]}", stillThere.GetProperty("displayName").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknownGrant.StatusCode);
        Assert.Contains("no-such-customer", unknownGrantBody.GetProperty("errors").GetProperty("customers")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noGrant.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badKind.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, adminKeyGrant.StatusCode);
        Assert.Contains("admin key", adminKeyGrantBody.GetProperty("errors").GetProperty("customers")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_customer_can_be_renamed_and_deleted_and_leaves_the_grants_that_named_it()
    {
        var (a, b) = (await NewCustomerAsync("a"), await NewCustomerAsync("b"));
        var group = Guid.NewGuid();
        await fixture.SendAsync(HttpMethod.Put, $"/api/grants/group/{group}", new { customers = new[] { a, b } });

        var (renamed, renamedBody) = await fixture.SendAsync(HttpMethod.Patch, $"/api/customers/{b}", new { displayName = "Renamed" });
        var (deleted, _) = await fixture.SendAsync(HttpMethod.Delete, $"/api/customers/{b}");
        var (gone, _) = await fixture.SendAsync(HttpMethod.Get, $"/api/customers/{b}");
        var (_, grant) = await fixture.SendAsync(HttpMethod.Get, $"/api/grants/group/{group}");

        Assert.Equal((HttpStatusCode.OK, "Renamed"), (renamed.StatusCode, renamedBody.GetProperty("displayName").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal([a], grant.GetProperty("customers").EnumerateArray().Select(c => c.GetString()));
    }

    private async Task<string> NewCustomerAsync(string letter)
    {
        var id = $"{letter}-{Guid.NewGuid():N}"[..20];
        var (response, _) = await fixture.SendAsync(HttpMethod.Post, "/api/customers", new { id, displayName = $"Scoped {letter}" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    private async Task<Guid> OnboardAsync(string customerId, bool waitForEvents = true)
    {
        var tenant = fixture.NewTenant();
        var (response, body) = await fixture.SendAsync(HttpMethod.Post, "/api/tenants", new { tenantId = tenant.Id, displayName = $"Scoped {customerId[0]}", customerId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(customerId, body.GetProperty("customerId").GetString());
        if (waitForEvents)
        {
            await CustomerScopeWalk.FirstEventIdAsync(fixture.Http, tenant.Id);
        }

        return tenant.Id;
    }

    private static async Task<List<string>> VisibleTenantsAsync(HttpClient caller) =>
        [.. (await caller.GetFromJsonAsync<JsonElement>("/api/tenants?pageSize=1000")).GetProperty("value").EnumerateArray()
            .Select(t => t.GetProperty("tenantId").GetString()!).Order(StringComparer.Ordinal)];
}
