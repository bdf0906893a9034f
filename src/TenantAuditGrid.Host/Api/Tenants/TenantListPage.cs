using TenantAuditGrid.Store;

namespace TenantAuditGrid.Host.Api.Tenants;

/// <summary>One page of the tenant list; pass <see cref="NextPageToken"/> as <c>pageToken</c> for the next.</summary>
public sealed record TenantListPage(IReadOnlyList<TenantStatusRecord> Value, string? NextPageToken);
