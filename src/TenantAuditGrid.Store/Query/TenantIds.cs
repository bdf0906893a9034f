using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Store.Query;

/// <summary>Tenant ids a caller sends in a query: spelled as <see cref="TenantKeys"/> spells them, or refused as a bad query.</summary>
public static class TenantIds
{
    public static string Normalize(string value) =>
        TenantKeys.TryNormalize(value, out var normalized)
            ? normalized
            : throw new QueryValidationException($"'{CallerText.Quote(value)}' is not a tenant id; tenant ids are GUIDs such as 72f988bf-86f1-41af-91ab-2d7cd011db47.");
}
