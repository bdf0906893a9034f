namespace TenantAuditGrid.Store.Customers;

/// <summary>
/// One of the MSP's customers: the unit operators are granted. A customer may own several tenants; a tenant belongs to at most one
/// customer (its <see cref="TenantStatusRecord.CustomerId"/>).
/// </summary>
public sealed record CustomerRecord
{
    /// <summary>The customer's id as operators type it: see <see cref="CustomerIds"/>.</summary>
    public required string CustomerId { get; init; }

    public required string DisplayName { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Who created it, named as the API names callers (an object id, or <c>apiKey:{id}</c>).</summary>
    public required string CreatedBy { get; init; }
}
