namespace TenantAuditGrid.Store.Query;

/// <summary>
/// The tenants a caller may see. Every query takes one; <see cref="VisibleRows"/> is the one place that turns it into SQL.
/// </summary>
public sealed class TenantScope
{
    private TenantScope(IReadOnlySet<string>? visibleTenants) => VisibleTenants = visibleTenants;

    /// <summary>Every tenant in the store (the only scope until operator identities arrive).</summary>
    public static TenantScope AllTenants { get; } = new(null);

    /// <summary>Null when the caller sees every tenant.</summary>
    public IReadOnlySet<string>? VisibleTenants { get; }

    public static TenantScope Restricted(IEnumerable<string> tenantIds)
    {
        ArgumentNullException.ThrowIfNull(tenantIds);
        return new TenantScope(new HashSet<string>(tenantIds.Select(TenantIds.Normalize), StringComparer.Ordinal));
    }
}
