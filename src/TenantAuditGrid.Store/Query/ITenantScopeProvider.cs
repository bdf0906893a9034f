namespace TenantAuditGrid.Store.Query;

/// <summary>
/// Decides which tenants the current caller may see. Operator identities arrive later (issue 7+); until then the registered
/// provider answers <see cref="TenantScope.AllTenants"/>. Replace the registration to restrict callers.
/// </summary>
public interface ITenantScopeProvider
{
    ValueTask<TenantScope> GetScopeAsync(CancellationToken cancellationToken);
}
