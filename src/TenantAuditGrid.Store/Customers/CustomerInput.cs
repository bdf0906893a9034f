using System.Data.Common;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Store.Customers;

/// <summary>What both customer stores and both grant stores refuse, with the same messages, before anything is written.</summary>
internal static class CustomerInput
{
    public const int MaxDisplayNameLength = 256;

    private static readonly string[] PrincipalKinds = ["user:", "group:", "apiKey:"];

    public static void Validate(CustomerRecord customer, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(customer, parameterName);
        RequireCustomerId(customer.CustomerId, $"{parameterName}.{nameof(customer.CustomerId)}", parameterName);
        RequireDisplayName(customer.DisplayName, $"{parameterName}.{nameof(customer.DisplayName)}", parameterName);
        StoreInput.RequireText(customer.CreatedBy, $"{parameterName}.{nameof(customer.CreatedBy)}", parameterName);
        StoreInput.RequireUtc(customer.CreatedAt, $"{parameterName}.{nameof(customer.CreatedAt)}", parameterName);
    }

    public static void Validate(AccessGrant grant, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(grant, parameterName);
        RequirePrincipal(grant.Principal, $"{parameterName}.{nameof(grant.Principal)}", parameterName);
        var ids = grant.CustomerIds ?? throw new ArgumentException($"{parameterName}.{nameof(grant.CustomerIds)} is required.", parameterName);
        if (grant.AllCustomers && ids.Count > 0)
        {
            throw new ArgumentException(
                $"{parameterName}.{nameof(grant.CustomerIds)} must be empty when {parameterName}.{nameof(grant.AllCustomers)} is true.", parameterName);
        }

        if (!grant.AllCustomers && ids.Count == 0)
        {
            throw new ArgumentException(
                $"{parameterName}.{nameof(grant.CustomerIds)} must name at least one customer unless {parameterName}.{nameof(grant.AllCustomers)} is true.",
                parameterName);
        }

        for (var i = 0; i < ids.Count; i++)
        {
            RequireCustomerId(ids[i], $"{parameterName}.{nameof(grant.CustomerIds)}[{i}]", parameterName);
        }

        if (ids.GroupBy(id => id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new ArgumentException($"{parameterName}.{nameof(grant.CustomerIds)} names '{repeated.Key}' more than once.", parameterName);
        }

        StoreInput.RequireText(grant.GrantedBy, $"{parameterName}.{nameof(grant.GrantedBy)}", parameterName);
        StoreInput.RequireUtc(grant.GrantedAt, $"{parameterName}.{nameof(grant.GrantedAt)}", parameterName);
    }

    public static void RequireCustomerId(string? customerId, string parameterName) => RequireCustomerId(customerId, parameterName, parameterName);

    public static void RequireCustomerId(string? customerId, string what, string parameterName)
    {
        StoreInput.RequireText(customerId, what, parameterName);
        if (!CustomerIds.IsValid(customerId))
        {
            throw new ArgumentException($"{what} '{CallerText.Quote(customerId)}' is not valid: {CustomerIds.Rule}.", parameterName);
        }
    }

    public static void RequireCustomerIds(IReadOnlyCollection<string> customerIds, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(customerIds, parameterName);
        var i = 0;
        foreach (var customerId in customerIds)
        {
            RequireCustomerId(customerId, $"{parameterName}[{i++}]", parameterName);
        }
    }

    public static void RequireDisplayName(string? displayName, string parameterName) => RequireDisplayName(displayName, parameterName, parameterName);

    public static void RequirePrincipal(string? principal, string parameterName) => RequirePrincipal(principal, parameterName, parameterName);

    public static void RequirePrincipals(IReadOnlyCollection<string> principals, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(principals, parameterName);
        var i = 0;
        foreach (var principal in principals)
        {
            RequirePrincipal(principal, $"{parameterName}[{i++}]", parameterName);
        }
    }

    /// <summary>
    /// Runs <paramref name="existingCustomers"/>, a query for those of the grant's customers that exist, and refuses the grant, naming
    /// the missing ones in ordinal order, unless it found them all.
    /// </summary>
    public static async Task RequireCustomersExistAsync(
        DbCommand existingCustomers, AccessGrant grant, string parameterName, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await existingCustomers.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                existing.Add(reader.GetString(0));
            }
        }

        if (existing.Count < grant.CustomerIds.Count)
        {
            var unknown = grant.CustomerIds.Where(id => !existing.Contains(id)).Order(StringComparer.Ordinal);
            throw new ArgumentException(
                $"{parameterName}.{nameof(AccessGrant.CustomerIds)} names customers that do not exist: {string.Join(", ", unknown)}.", parameterName);
        }
    }

    private static void RequireDisplayName(string? displayName, string what, string parameterName)
    {
        StoreInput.RequireText(displayName, what, parameterName);
        if (displayName!.Length > MaxDisplayNameLength)
        {
            throw new ArgumentException($"{what} must be at most {MaxDisplayNameLength} characters.", parameterName);
        }
    }

    private static void RequirePrincipal(string? principal, string what, string parameterName)
    {
        StoreInput.RequireText(principal, what, parameterName);
        if (!PrincipalKinds.Any(kind => principal!.StartsWith(kind, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(principal[kind.Length..])))
        {
            throw new ArgumentException(
                $"{what} must be user:, group: or apiKey: followed by an id, got '{CallerText.Quote(principal)}'.", parameterName);
        }
    }
}
