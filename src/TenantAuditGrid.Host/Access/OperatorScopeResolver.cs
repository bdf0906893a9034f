using System.Security.Claims;
using TenantAuditGrid.Store;
using TenantAuditGrid.Store.Customers;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Access;

/// <summary>
/// The one place a request's scope is decided: caller, then the customers its grants name, then those customers' tenants. Every
/// list, every route that names a tenant (<see cref="TenantScopeFilter"/>) and every gateway query asks here, once per request.
/// </summary>
public sealed class OperatorScopeResolver(IAccessGrantStore grants, ITenantStatusStore statuses, IHttpContextAccessor requests) : ITenantScopeProvider
{
    private static readonly object CustomersKey = new();
    private static readonly object TenantsKey = new();

    /// <summary>The customers the request's caller may see.</summary>
    public async ValueTask<OperatorScope> CustomersAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(CustomersKey, out var cached))
        {
            return (OperatorScope)cached!;
        }

        var scope = await ResolveAsync(context.User, context.RequestAborted);
        context.Items[CustomersKey] = scope;
        return scope;
    }

    /// <summary>The tenants the request's caller may see: those of its customers, or every tenant.</summary>
    public async ValueTask<TenantScope> GetScopeAsync(CancellationToken cancellationToken)
    {
        var context = requests.HttpContext
            ?? throw new InvalidOperationException("A tenant scope is asked for outside a request; every scoped read runs inside one.");
        if (context.Items.TryGetValue(TenantsKey, out var cached))
        {
            return (TenantScope)cached!;
        }

        var customers = await CustomersAsync(context);
        var scope = customers.AllCustomers
            ? TenantScope.AllTenants
            : TenantScope.Restricted(await statuses.TenantIdsOfCustomersAsync([.. customers.CustomerIds], cancellationToken));
        context.Items[TenantsKey] = scope;
        return scope;
    }

    private async Task<OperatorScope> ResolveAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (caller.Identity?.IsAuthenticated != true)
        {
            return OperatorScope.Nothing;
        }

        if (OperatorRoles.Highest(caller.FindAll(OperatorRoles.ClaimType).Select(c => c.Value)) == OperatorRole.Admin)
        {
            return OperatorScope.EveryCustomer;
        }

        var granted = await grants.ListForAsync(GrantPrincipals.Of(caller), cancellationToken);
        return granted.Any(g => g.AllCustomers)
            ? OperatorScope.EveryCustomer
            : new OperatorScope(false, granted.SelectMany(g => g.CustomerIds).ToHashSet(StringComparer.Ordinal));
    }
}
