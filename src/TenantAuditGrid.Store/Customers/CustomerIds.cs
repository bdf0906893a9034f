using System.Text.RegularExpressions;

namespace TenantAuditGrid.Store.Customers;

/// <summary>
/// A customer id is short, lowercase and URL-safe (a slug such as <c>contoso</c>, or a PSA company number), so that it reads the
/// same in a route, a CSV column and a grant, and never needs escaping.
/// </summary>
public static partial class CustomerIds
{
    public const int MaxLength = 64;

    public const string Rule = "a customer id is 1 to 64 lowercase letters, digits and hyphens, starting with a letter or digit";

    public static bool IsValid(string? customerId) => customerId is not null && Pattern().IsMatch(customerId);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
