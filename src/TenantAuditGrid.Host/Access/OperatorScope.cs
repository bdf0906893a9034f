namespace TenantAuditGrid.Host.Access;

/// <summary>
/// The customers a caller may see: every customer, or a set granted to its object id, its groups or its API key. Admins see every
/// customer: they assign customers and grants, so a limit on an Admin would be one request away from being lifted.
/// </summary>
public sealed record OperatorScope(bool AllCustomers, IReadOnlySet<string> CustomerIds)
{
    public static OperatorScope EveryCustomer { get; } = new(true, new HashSet<string>());

    public static OperatorScope Nothing { get; } = new(false, new HashSet<string>());

    public bool Covers(string customerId) => AllCustomers || CustomerIds.Contains(customerId);
}
