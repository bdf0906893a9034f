namespace TenantAuditGrid.Store.Customers;

/// <summary>
/// One row of <c>access_grants</c>. A grant is stored as one row per customer, or a single <see cref="AllCustomers"/> row, all written
/// together by <see cref="IAccessGrantStore.SetAsync"/>; both stores turn rows back into grants here, so they read them alike.
/// </summary>
internal sealed record AccessGrantRow(string Principal, string CustomerId, DateTimeOffset GrantedAt, string GrantedBy)
{
    /// <summary>The customer id of the row that grants every customer; not a valid <see cref="CustomerIds">customer id</see>, so never a real one.</summary>
    public const string AllCustomers = "*";

    /// <summary>The customer ids the grant's rows hold.</summary>
    public static string[] CustomerIdsOf(AccessGrant grant) => grant.AllCustomers ? [AllCustomers] : [.. grant.CustomerIds];

    /// <summary>The grants the rows make up, in ordinal principal order.</summary>
    public static List<AccessGrant> ToGrants(IEnumerable<AccessGrantRow> rows) =>
        rows.GroupBy(row => row.Principal, StringComparer.Ordinal)
            .OrderBy(rowsOfPrincipal => rowsOfPrincipal.Key, StringComparer.Ordinal)
            .Select(ToGrant)
            .ToList();

    private static AccessGrant ToGrant(IGrouping<string, AccessGrantRow> rows)
    {
        var first = rows.First();
        var allCustomers = rows.Any(row => row.CustomerId == AllCustomers);
        return new AccessGrant
        {
            Principal = rows.Key,
            AllCustomers = allCustomers,
            CustomerIds = allCustomers ? [] : rows.Select(row => row.CustomerId).Order(StringComparer.Ordinal).ToArray(),
            GrantedAt = first.GrantedAt,
            GrantedBy = first.GrantedBy,
        };
    }
}
