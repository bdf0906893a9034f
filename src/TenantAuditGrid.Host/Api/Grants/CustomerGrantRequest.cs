using TenantAuditGrid.Host.Api.Customers;

namespace TenantAuditGrid.Host.Api.Grants;

/// <summary>Which customers a principal may see: every customer, or the ones listed. Used by <c>PUT /api/grants/…</c> and <c>POST /api/keys</c>.</summary>
public sealed record CustomerGrantRequest(bool? AllCustomers, List<string>? Customers)
{
    public const int MaxCustomers = 1000;

    /// <summary>The grant asked for, or null with the field errors that explain why not.</summary>
    /// <param name="existing">The customers that exist.</param>
    public GrantedCustomers? Validate(IReadOnlySet<string> existing, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(errors);
        var listed = Customers ?? [];
        if (AllCustomers == true && listed.Count > 0)
        {
            errors["customers"] = ["Set allCustomers or list customers, not both."];
            return null;
        }

        if (AllCustomers == true)
        {
            return new GrantedCustomers(true, []);
        }

        if (listed.Count is 0 or > MaxCustomers)
        {
            errors["customers"] = [$"List 1 to {MaxCustomers} customers, or set allCustomers to true."];
            return null;
        }

        var unknown = listed.Where(c => !existing.Contains(c)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            errors["customers"] = [.. unknown.Select(VisibleCustomers.Unknown)];
            return null;
        }

        return new GrantedCustomers(false, [.. listed.Distinct().Order(StringComparer.Ordinal)]);
    }
}
