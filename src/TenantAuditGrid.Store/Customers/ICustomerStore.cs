namespace TenantAuditGrid.Store.Customers;

/// <summary>
/// The MSP's customers, kept beside the audit store so that every silo of a cluster sees one list. Every method refuses a customer id
/// that is not valid (see <see cref="CustomerIds"/>) with an <see cref="ArgumentException"/>, lookups included: check ids from callers first.
/// </summary>
public interface ICustomerStore
{
    /// <summary>Stores the customer unless its id is taken; returns whether it was stored.</summary>
    Task<bool> CreateAsync(CustomerRecord customer, CancellationToken cancellationToken = default);

    Task<CustomerRecord?> GetAsync(string customerId, CancellationToken cancellationToken = default);

    /// <summary>Every customer, in ordinal id order.</summary>
    Task<IReadOnlyList<CustomerRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets the display name; returns the customer as stored afterwards, or null when there is no such customer.</summary>
    Task<CustomerRecord?> RenameAsync(string customerId, string displayName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the customer and removes it from every access grant, in one transaction, unless a tenant status row still names it.
    /// </summary>
    Task<CustomerDeletion> DeleteAsync(string customerId, CancellationToken cancellationToken = default);
}
