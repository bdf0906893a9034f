namespace TenantAuditGrid.Store.Query;

/// <summary>
/// Decides which tenants the current caller may see. The Host registers its operator scope (the caller's customers' tenants);
/// hosts without operators, such as benchmarks, get <see cref="AllTenantsScopeProvider"/>.
/// </summary>
public interface ITenantScopeProvider
{
    ValueTask<TenantScope> GetScopeAsync(CancellationToken cancellationToken);
}
