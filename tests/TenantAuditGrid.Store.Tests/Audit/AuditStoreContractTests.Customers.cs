using Microsoft.Extensions.DependencyInjection;
using TenantAuditGrid.Store.Customers;
using TenantAuditGrid.Store.Query;
using static TenantAuditGrid.Store.Tests.Audit.AuditSamples;

namespace TenantAuditGrid.Store.Tests.Audit;

/// <summary>
/// The customer store's part of the contract, and the customer a tenant status row belongs to: both engines keep customers, refuse to
/// delete one that still owns tenants, and scope tenant listings alike.
/// </summary>
public abstract partial class AuditStoreContractTests
{
    private ICustomerStore Customers => services.GetRequiredService<ICustomerStore>();

    [Fact]
    public async Task A_created_customer_reads_back_listings_are_in_ordinal_id_order_and_a_rename_is_kept()
    {
        foreach (var id in new[] { "contoso2", "fabrikam", "contoso-eu", "contoso" })
        {
            Assert.True(await Customers.CreateAsync(Customer(id)));
        }

        var renamed = await Customers.RenameAsync("fabrikam", "Fabrikam Europe");

        Assert.Equal(Customer("contoso"), await Customers.GetAsync("contoso"));
        Assert.Equal(["contoso", "contoso-eu", "contoso2", "fabrikam"], (await Customers.ListAsync()).Select(c => c.CustomerId));
        Assert.Equal(Customer("fabrikam") with { DisplayName = "Fabrikam Europe" }, renamed);
        Assert.Equal(renamed, await Customers.GetAsync("fabrikam"));
        Assert.Null(await Customers.GetAsync("northwind"));
        Assert.Null(await Customers.RenameAsync("northwind", "Northwind"));
    }

    [Fact]
    public async Task Creating_a_customer_whose_id_is_taken_returns_false_and_keeps_the_first()
    {
        Assert.True(await Customers.CreateAsync(Customer("contoso")));

        Assert.False(await Customers.CreateAsync(Customer("contoso") with { DisplayName = "Someone else", CreatedBy = "oid-2" }));

        Assert.Equal([Customer("contoso")], await Customers.ListAsync());
    }

    [Fact]
    public async Task Deleting_a_customer_that_a_tenant_status_names_is_refused_and_deletes_nothing()
    {
        await Customers.CreateAsync(Customer("contoso"));
        await Grants.SetAsync(Grant("user:oid-1", "contoso"));
        await Statuses.UpsertAsync(Status(CustomerTenant(1), 1) with { CustomerId = "contoso" });

        Assert.Equal(CustomerDeletion.HasTenants, await Customers.DeleteAsync("contoso"));

        Assert.Equal(Customer("contoso"), await Customers.GetAsync("contoso"));
        Assert.Equal(["contoso"], (await Grants.GetAsync("user:oid-1"))!.CustomerIds);
        Assert.Equal("contoso", (await Statuses.GetAsync(CustomerTenant(1)))!.CustomerId);
    }

    [Fact]
    public async Task Deleting_a_customer_removes_it_from_every_grant_and_a_second_delete_finds_nothing()
    {
        await Customers.CreateAsync(Customer("contoso"));
        await Customers.CreateAsync(Customer("fabrikam"));
        await Grants.SetAsync(Grant("user:oid-1", "contoso"));
        await Grants.SetAsync(Grant("group:ops", "contoso", "fabrikam"));
        await Grants.SetAsync(AllCustomersGrant("apiKey:k1"));

        Assert.Equal(CustomerDeletion.Deleted, await Customers.DeleteAsync("contoso"));

        Assert.Null(await Customers.GetAsync("contoso"));
        Assert.Null(await Grants.GetAsync("user:oid-1"));
        Assert.Equal(["fabrikam"], (await Grants.GetAsync("group:ops"))!.CustomerIds);
        Assert.True((await Grants.GetAsync("apiKey:k1"))!.AllCustomers);
        Assert.Equal(CustomerDeletion.NotFound, await Customers.DeleteAsync("contoso"));
    }

    public static TheoryData<string> BadCustomers() =>
        new() { "null customer", "uppercase id", "id starting with a hyphen", "id too long", "blank name", "name too long", "blank creator", "non-utc time" };

    [Theory]
    [MemberData(nameof(BadCustomers))]
    public async Task A_bad_customer_is_refused_with_an_argument_exception_and_nothing_is_stored(string defect)
    {
        var good = Customer("contoso");
        var bad = defect switch
        {
            "null customer" => null!,
            "uppercase id" => good with { CustomerId = "Contoso" },
            "id starting with a hyphen" => good with { CustomerId = "-contoso" },
            "id too long" => good with { CustomerId = new string('c', CustomerIds.MaxLength + 1) },
            "blank name" => good with { DisplayName = " " },
            "name too long" => good with { DisplayName = new string('n', 257) },
            "blank creator" => good with { CreatedBy = "" },
            "non-utc time" => good with { CreatedAt = Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(2)) },
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Customers.CreateAsync(bad));

        Assert.Empty(await Customers.ListAsync());
    }

    [Fact]
    public async Task A_malformed_customer_id_is_refused_by_every_lookup()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Customers.GetAsync("Contoso"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Customers.RenameAsync("contoso ", "Contoso"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Customers.RenameAsync("contoso", " "));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Customers.DeleteAsync("*"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Statuses.TenantIdsOfCustomersAsync(["contoso", "Fabrikam"]));
    }

    [Fact]
    public async Task A_tenant_status_keeps_the_customer_of_its_latest_publish()
    {
        await Statuses.UpsertAsync(Status(CustomerTenant(1), 1) with { CustomerId = "contoso" });
        Assert.Equal("contoso", (await Statuses.GetAsync(CustomerTenant(1)))!.CustomerId);

        await Statuses.UpsertAsync(Status(CustomerTenant(1), 2) with { CustomerId = "fabrikam" });
        Assert.Equal("fabrikam", (await Statuses.GetAsync(CustomerTenant(1)))!.CustomerId);

        await Statuses.UpsertAsync(Status(CustomerTenant(1), 3));
        Assert.Null((await Statuses.GetAsync(CustomerTenant(1)))!.CustomerId);
    }

    [Fact]
    public async Task A_tenant_status_naming_a_malformed_customer_is_refused_and_nothing_is_stored()
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Statuses.UpsertAsync(Status(CustomerTenant(1), 1) with { CustomerId = "Contoso Ltd" }));

        Assert.Contains("status.CustomerId", error.Message, StringComparison.Ordinal);
        Assert.Null(await Statuses.GetAsync(CustomerTenant(1)));
    }

    [Fact]
    public async Task Tenant_statuses_list_by_customer()
    {
        await UpsertTenantsOfCustomersAsync();

        var contoso = await Statuses.ListAsync(new TenantStatusQuery { Scope = TenantScope.AllTenants, CustomerId = "contoso" });
        var unknown = await Statuses.ListAsync(new TenantStatusQuery { Scope = TenantScope.AllTenants, CustomerId = "northwind" });

        Assert.Equal([CustomerTenant(1), CustomerTenant(3), CustomerTenant(5)], contoso.Items.Select(s => s.TenantId));
        Assert.Null(contoso.NextAfterTenantId);
        Assert.Empty(unknown.Items);
    }

    [Fact]
    public async Task A_restricted_scope_lists_only_its_tenants_and_pages_within_them()
    {
        await UpsertTenantsOfCustomersAsync();
        // Tenant 9 has no status row: a visible tenant the store does not know changes nothing.
        var scope = TenantScope.Restricted([CustomerTenant(1), CustomerTenant(2), CustomerTenant(4), CustomerTenant(9)]);

        var first = await Statuses.ListAsync(new TenantStatusQuery { Scope = scope, Limit = 2 });
        var second = await Statuses.ListAsync(new TenantStatusQuery { Scope = scope, Limit = 2, AfterTenantId = first.NextAfterTenantId });
        var contosoInScope = await Statuses.ListAsync(new TenantStatusQuery { Scope = scope, CustomerId = "contoso" });
        var nothingVisible = await Statuses.ListAsync(new TenantStatusQuery { Scope = TenantScope.Restricted([]) });

        Assert.Equal([CustomerTenant(1), CustomerTenant(2)], first.Items.Select(s => s.TenantId));
        Assert.Equal(CustomerTenant(2), first.NextAfterTenantId);
        Assert.Equal([CustomerTenant(4)], second.Items.Select(s => s.TenantId));
        Assert.Null(second.NextAfterTenantId);
        Assert.Equal([CustomerTenant(1)], contosoInScope.Items.Select(s => s.TenantId));
        Assert.Empty(nothingVisible.Items);
        Assert.Null(nothingVisible.NextAfterTenantId);
    }

    [Fact]
    public async Task A_tenant_status_query_without_a_scope_is_refused()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Statuses.ListAsync(new TenantStatusQuery { Scope = null! }));
    }

    [Fact]
    public async Task The_tenants_of_customers_are_those_whose_status_names_one_of_them_in_ordinal_order()
    {
        await UpsertTenantsOfCustomersAsync();

        Assert.Equal(
            [CustomerTenant(1), CustomerTenant(2), CustomerTenant(3), CustomerTenant(5)],
            await Statuses.TenantIdsOfCustomersAsync(["fabrikam", "contoso", "northwind"]));
        Assert.Equal([CustomerTenant(2)], await Statuses.TenantIdsOfCustomersAsync(["fabrikam"]));
        Assert.Empty(await Statuses.TenantIdsOfCustomersAsync([]));
    }

    /// <summary>Tenants 1, 3 and 5 belong to contoso, 2 to fabrikam, 4 to no customer yet.</summary>
    private async Task UpsertTenantsOfCustomersAsync()
    {
        string?[] owners = ["contoso", "fabrikam", "contoso", null, "contoso"];
        for (var i = 0; i < owners.Length; i++)
        {
            await Statuses.UpsertAsync(Status(CustomerTenant(i + 1), 1) with { CustomerId = owners[i] });
        }
    }

    // Tenant ids are GUIDs wherever a scope names them (TenantScope.Restricted normalises them), so these tests use GUIDs throughout.
    private static string CustomerTenant(int number) => $"00000000-0000-0000-0000-{number:D12}";

    private CustomerRecord Customer(string id) => new()
    {
        CustomerId = id,
        DisplayName = $"Customer {id}",
        CreatedAt = Clock.GetUtcNow(),
        CreatedBy = "oid-1",
    };
}
