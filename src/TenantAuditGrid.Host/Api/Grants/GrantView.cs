using TenantAuditGrid.Store.Customers;

namespace TenantAuditGrid.Host.Api.Grants;

/// <summary>A grant as the API shows it: who (<c>kind</c> and <c>id</c>) may see which customers.</summary>
public sealed record GrantView(string Kind, string Id, bool AllCustomers, IReadOnlyList<string> Customers, DateTimeOffset GrantedAt, string GrantedBy)
{
    public static GrantView From(AccessGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var separator = grant.Principal.IndexOf(':', StringComparison.Ordinal);
        return new(grant.Principal[..separator], grant.Principal[(separator + 1)..], grant.AllCustomers, grant.CustomerIds, grant.GrantedAt, grant.GrantedBy);
    }
}
