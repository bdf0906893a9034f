using TenantAuditGrid.Store.Customers;

namespace TenantAuditGrid.Host.Api.Grants;

/// <summary>A validated choice of customers for a grant: every customer, or these (existing, distinct, in ordinal order).</summary>
public sealed record GrantedCustomers(bool AllCustomers, IReadOnlyList<string> CustomerIds)
{
    public AccessGrant ToGrant(string principal, DateTimeOffset grantedAt, string grantedBy) => new()
    {
        Principal = principal,
        AllCustomers = AllCustomers,
        CustomerIds = CustomerIds,
        GrantedAt = grantedAt,
        GrantedBy = grantedBy,
    };
}
