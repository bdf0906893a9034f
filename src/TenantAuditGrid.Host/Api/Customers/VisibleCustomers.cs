using TenantAuditGrid.Host.Access;
using TenantAuditGrid.Store.Customers;

namespace TenantAuditGrid.Host.Api.Customers;

/// <summary>
/// The customers a request may name: those that exist and are in the caller's scope. A customer outside the scope is "unknown",
/// exactly as one that does not exist, so customer ids cannot be probed either.
/// </summary>
public sealed class VisibleCustomers(ICustomerStore customers, OperatorScopeResolver scopes)
{
    private static readonly object CacheKey = new();

    public static string Unknown(string customerId) =>
        $"There is no customer '{customerId}' you may use; list them with GET /api/customers (an Admin creates one with POST /api/customers).";

    public async ValueTask<IReadOnlyList<CustomerRecord>> ListAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(CacheKey, out var cached))
        {
            return (IReadOnlyList<CustomerRecord>)cached!;
        }

        var scope = await scopes.CustomersAsync(context);
        IReadOnlyList<CustomerRecord> visible = [.. (await customers.ListAsync(context.RequestAborted)).Where(c => scope.Covers(c.CustomerId))];
        context.Items[CacheKey] = visible;
        return visible;
    }

    public async ValueTask<IReadOnlySet<string>> IdsAsync(HttpContext context) =>
        (await ListAsync(context)).Select(c => c.CustomerId).ToHashSet(StringComparer.Ordinal);
}
