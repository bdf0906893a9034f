namespace TenantAuditGrid.Store.Customers;

/// <summary>
/// Grants of customers to principals (see <see cref="AccessGrant"/>); customers must exist when they are granted. Every method refuses a
/// principal that is not <c>user:</c>, <c>group:</c> or <c>apiKey:</c> followed by an id with an <see cref="ArgumentException"/>.
/// </summary>
public interface IAccessGrantStore
{
    /// <summary>
    /// Replaces the principal's grant with this one, in one transaction. Throws <see cref="ArgumentException"/> naming the unknown
    /// customers, and changes nothing, when a granted customer does not exist.
    /// </summary>
    Task SetAsync(AccessGrant grant, CancellationToken cancellationToken = default);

    Task<AccessGrant?> GetAsync(string principal, CancellationToken cancellationToken = default);

    /// <summary>Every grant, in ordinal principal order.</summary>
    Task<IReadOnlyList<AccessGrant>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The grants of these principals (a caller's object id, groups and key), in ordinal principal order.</summary>
    Task<IReadOnlyList<AccessGrant>> ListForAsync(IReadOnlyCollection<string> principals, CancellationToken cancellationToken = default);

    /// <summary>Removes the principal's grant; returns whether there was one.</summary>
    Task<bool> DeleteAsync(string principal, CancellationToken cancellationToken = default);
}
