namespace TenantAuditGrid.Store.Query;

/// <summary>Every caller sees every tenant: the behaviour until operator identities exist.</summary>
public sealed class AllTenantsScopeProvider : ITenantScopeProvider
{
    public ValueTask<TenantScope> GetScopeAsync(CancellationToken cancellationToken) => ValueTask.FromResult(TenantScope.AllTenants);
}
