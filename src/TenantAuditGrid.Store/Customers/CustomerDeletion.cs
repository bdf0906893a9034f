namespace TenantAuditGrid.Store.Customers;

/// <summary>What <see cref="ICustomerStore.DeleteAsync"/> did.</summary>
public enum CustomerDeletion
{
    Deleted,
    NotFound,

    /// <summary>Nothing was deleted: tenants still belong to the customer, and must be moved to another one first.</summary>
    HasTenants,
}
