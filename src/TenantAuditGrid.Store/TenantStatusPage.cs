namespace TenantAuditGrid.Store;

/// <summary>One page of tenant status rows; <see cref="NextAfterTenantId"/> is null on the last page.</summary>
public sealed record TenantStatusPage(IReadOnlyList<TenantStatusRecord> Items, string? NextAfterTenantId);
