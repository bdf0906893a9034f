namespace TenantAuditGrid.Store;

/// <summary>Tenant status rows published by the tenant grains; read by the gateway's cross-tenant views.</summary>
public interface ITenantStatusStore
{
    /// <summary>Stores the row unless one with the same or a higher version is stored; returns whether it was stored.</summary>
    Task<bool> UpsertAsync(TenantStatusRecord status, CancellationToken cancellationToken = default);

    Task<TenantStatusRecord?> GetAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>The ids of the tenants that belong to any of these customers, in ordinal order.</summary>
    Task<IReadOnlyList<string>> TenantIdsOfCustomersAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken = default);

    /// <summary>Rows within the query's scope, filtered by health state, customer and/or tag, in ordinal tenant id order, with keyset paging.</summary>
    Task<TenantStatusPage> ListAsync(TenantStatusQuery query, CancellationToken cancellationToken = default);

    /// <summary>Removes the tenant's row; returns whether there was one.</summary>
    Task<bool> DeleteAsync(string tenantId, CancellationToken cancellationToken = default);
}
