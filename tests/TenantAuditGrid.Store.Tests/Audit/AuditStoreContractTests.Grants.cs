using Microsoft.Extensions.DependencyInjection;
using TenantAuditGrid.Store.Customers;

namespace TenantAuditGrid.Store.Tests.Audit;

/// <summary>The access grant store's part of the contract: both engines replace, read and refuse grants alike.</summary>
public abstract partial class AuditStoreContractTests
{
    private IAccessGrantStore Grants => services.GetRequiredService<IAccessGrantStore>();

    [Fact]
    public async Task Setting_a_grant_replaces_the_principals_previous_one_and_reads_its_customers_in_ordinal_order()
    {
        await CreateCustomersAsync("contoso", "contoso-eu", "fabrikam", "northwind");
        await Grants.SetAsync(Grant("user:oid-1", "northwind", "contoso"));
        Assert.Equal(["contoso", "northwind"], (await Grants.GetAsync("user:oid-1"))!.CustomerIds);

        var grantedAt = Clock.GetUtcNow().AddHours(1);
        await Grants.SetAsync(Grant("user:oid-1", "fabrikam", "contoso-eu") with { GrantedAt = grantedAt, GrantedBy = "oid-admin-2" });

        var stored = await Grants.GetAsync("user:oid-1");
        Assert.NotNull(stored);
        Assert.Equal(["contoso-eu", "fabrikam"], stored.CustomerIds);
        Assert.Equal(("user:oid-1", false, grantedAt, "oid-admin-2"), (stored.Principal, stored.AllCustomers, stored.GrantedAt, stored.GrantedBy));
        Assert.Single(await Grants.ListAsync());
    }

    [Fact]
    public async Task An_all_customers_grant_reads_back_with_no_customer_ids_and_can_replace_or_be_replaced_by_a_list()
    {
        await CreateCustomersAsync("contoso");
        await Grants.SetAsync(Grant("group:ops", "contoso"));

        await Grants.SetAsync(AllCustomersGrant("group:ops"));
        var all = await Grants.GetAsync("group:ops");
        await Grants.SetAsync(Grant("group:ops", "contoso"));
        var listed = await Grants.GetAsync("group:ops");

        Assert.NotNull(all);
        Assert.True(all.AllCustomers);
        Assert.Empty(all.CustomerIds);
        Assert.Equal((Clock.GetUtcNow(), "oid-admin"), (all.GrantedAt, all.GrantedBy));
        Assert.NotNull(listed);
        Assert.False(listed.AllCustomers);
        Assert.Equal(["contoso"], listed.CustomerIds);
    }

    [Fact]
    public async Task A_grant_naming_unknown_customers_is_refused_naming_them_and_the_previous_grant_stays()
    {
        await CreateCustomersAsync("contoso", "fabrikam");
        await Grants.SetAsync(Grant("user:oid-1", "contoso"));

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Grants.SetAsync(Grant("user:oid-1", "fabrikam", "zeta-ghost", "alpha-ghost") with { GrantedAt = Clock.GetUtcNow().AddHours(1) }));

        Assert.Contains("alpha-ghost, zeta-ghost", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fabrikam", error.Message, StringComparison.Ordinal);
        var stored = await Grants.GetAsync("user:oid-1");
        Assert.NotNull(stored);
        Assert.Equal(["contoso"], stored.CustomerIds);
        Assert.Equal(Clock.GetUtcNow(), stored.GrantedAt);
    }

    [Fact]
    public async Task Listing_grants_for_principals_returns_only_theirs_in_ordinal_principal_order()
    {
        await CreateCustomersAsync("contoso", "fabrikam");
        await Grants.SetAsync(Grant("user:oid-2", "fabrikam"));
        await Grants.SetAsync(Grant("user:oid-1", "contoso"));
        await Grants.SetAsync(Grant("group:ops", "contoso", "fabrikam"));
        await Grants.SetAsync(AllCustomersGrant("apiKey:k1"));

        var mine = await Grants.ListForAsync(["user:oid-2", "group:ops", "group:nobody"]);

        Assert.Equal(["group:ops", "user:oid-2"], mine.Select(g => g.Principal));
        Assert.Equal(["contoso", "fabrikam"], mine[0].CustomerIds);
        Assert.Equal(["fabrikam"], mine[1].CustomerIds);
        Assert.Empty(await Grants.ListForAsync([]));
        Assert.Equal(["apiKey:k1", "group:ops", "user:oid-1", "user:oid-2"], (await Grants.ListAsync()).Select(g => g.Principal));
    }

    [Fact]
    public async Task Deleting_a_grant_removes_it_and_answers_whether_there_was_one()
    {
        await CreateCustomersAsync("contoso");
        await Grants.SetAsync(Grant("user:oid-1", "contoso"));
        await Grants.SetAsync(AllCustomersGrant("apiKey:k1"));

        Assert.True(await Grants.DeleteAsync("user:oid-1"));
        Assert.False(await Grants.DeleteAsync("user:oid-1"));
        Assert.Null(await Grants.GetAsync("user:oid-1"));
        Assert.Equal(["apiKey:k1"], (await Grants.ListAsync()).Select(g => g.Principal));
    }

    public static TheoryData<string> BadGrants() => new()
    {
        "null grant", "unknown principal kind", "principal without an id", "customers with all customers", "no customers",
        "repeated customer", "malformed customer id", "null customer ids", "blank granter", "non-utc time",
    };

    [Theory]
    [MemberData(nameof(BadGrants))]
    public async Task A_bad_grant_is_refused_with_an_argument_exception_and_nothing_is_stored(string defect)
    {
        await CreateCustomersAsync("contoso");
        var good = Grant("user:oid-1", "contoso");
        var bad = defect switch
        {
            "null grant" => null!,
            "unknown principal kind" => good with { Principal = "role:admin" },
            "principal without an id" => good with { Principal = "user:" },
            "customers with all customers" => good with { AllCustomers = true },
            "no customers" => good with { CustomerIds = [] },
            "repeated customer" => good with { CustomerIds = ["contoso", "contoso"] },
            "malformed customer id" => good with { CustomerIds = ["*"] },
            "null customer ids" => good with { CustomerIds = null! },
            "blank granter" => good with { GrantedBy = " " },
            "non-utc time" => good with { GrantedAt = Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(-5)) },
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Grants.SetAsync(bad));

        Assert.Empty(await Grants.ListAsync());
    }

    [Fact]
    public async Task A_malformed_principal_is_refused_by_every_lookup()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Grants.GetAsync("oid-1"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Grants.DeleteAsync("apiKey: "));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Grants.ListForAsync(["user:oid-1", "User:oid-2"]));
    }

    private async Task CreateCustomersAsync(params string[] ids)
    {
        foreach (var id in ids)
        {
            await Customers.CreateAsync(Customer(id));
        }
    }

    private AccessGrant Grant(string principal, params string[] customerIds) => new()
    {
        Principal = principal,
        AllCustomers = false,
        CustomerIds = customerIds,
        GrantedAt = Clock.GetUtcNow(),
        GrantedBy = "oid-admin",
    };

    private AccessGrant AllCustomersGrant(string principal) => Grant(principal) with { AllCustomers = true };
}
