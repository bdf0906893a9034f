using TenantAuditGrid.Store.Query;

using TenantAuditGrid.Testing.Audit;

namespace TenantAuditGrid.Host.Tests.Gateway;

/// <summary>A caller who may see only the given scope (stands in for operator identities, which arrive later).</summary>
public sealed class FixedTenantScopeProvider(TenantScope scope) : ITenantScopeProvider
{
    public ValueTask<TenantScope> GetScopeAsync(CancellationToken cancellationToken) => ValueTask.FromResult(scope);
}
