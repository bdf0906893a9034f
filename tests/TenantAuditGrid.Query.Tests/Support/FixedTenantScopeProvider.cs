using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Query.Tests.Support;

/// <summary>A caller who may see only the given scope (stands in for operator identities, which arrive later).</summary>
public sealed class FixedTenantScopeProvider(TenantScope scope) : ITenantScopeProvider
{
    public ValueTask<TenantScope> GetScopeAsync(CancellationToken cancellationToken) => ValueTask.FromResult(scope);
}
