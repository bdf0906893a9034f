namespace TenantAuditGrid.Store.Query;

/// <summary>
/// The one place a <see cref="TenantScope"/> becomes SQL. Every statement the query layer builds (pages, counts, lookups by id,
/// aggregations, exports, security actions) includes this predicate; nothing reads events around it.
/// </summary>
public static class TenantScopeFilter
{
    public static string Predicate(TenantScope scope, string tenantColumn, SqlParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(parameters);
        if (scope.VisibleTenants is not { } visible)
        {
            return "TRUE";
        }

        if (visible.Count == 0)
        {
            return "FALSE";
        }

        var placeholders = visible.Order(StringComparer.Ordinal).Select(parameters.Add);
        return $"{tenantColumn} IN ({string.Join(", ", placeholders)})";
    }
}
