using System.Collections.Concurrent;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Credentials;
using TenantAuditGrid.Host.Access;
using TenantAuditGrid.Store;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Api.Credentials;

/// <summary>
/// POST /api/credentials:reencrypt, step 3 of a master-key rotation (docs/operations.md): every onboarded tenant's secret material
/// is moved onto the current key. The answer says how many tenants still need a previous key, so the operator knows when it can go.
/// </summary>
public static class CredentialKeysApi
{
    // Each call is one grain state write; a few dozen at once keeps a large fleet to seconds without flooding the storage.
    private const int ConcurrentTenants = 32;
    private const int ListPageSize = 1000;

    public static IEndpointRouteBuilder MapCredentialKeysApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/credentials:reencrypt", ReEncryptAllAsync).WithTags("Credentials").RequireRole(OperatorRole.Admin);
        return endpoints;
    }

    /// <summary>Re-encryption is an Admin's, and Admins see every customer: it covers every tenant in the store.</summary>
    private static readonly TenantScope AdminScope = TenantScope.AllTenants;

    private static async Task<IResult> ReEncryptAllAsync(
        ITenantStatusStore statusStore, IGrainFactory grains, CredentialProtector protector, CancellationToken cancellationToken)
    {
        var outcomes = new ConcurrentDictionary<string, CredentialKeyOutcome>(StringComparer.Ordinal);
        string? after = null;
        do
        {
            var page = await statusStore.ListAsync(new TenantStatusQuery { Scope = AdminScope, AfterTenantId = after, Limit = ListPageSize }, cancellationToken);
            await Parallel.ForEachAsync(
                page.Items,
                new ParallelOptions { MaxDegreeOfParallelism = ConcurrentTenants, CancellationToken = cancellationToken },
                async (tenant, _) => outcomes[tenant.TenantId] = await grains.GetGrain<ITenantGrain>(tenant.TenantId).ReEncryptCredentialAsync());
            after = page.NextAfterTenantId;
        }
        while (after is not null);

        int Count(CredentialKeyOutcome outcome) => outcomes.Values.Count(o => o == outcome);
        return TypedResults.Ok(new CredentialReEncryptionReport(
            protector.CurrentKeyId,
            outcomes.Count,
            Count(CredentialKeyOutcome.ReEncrypted),
            Count(CredentialKeyOutcome.AlreadyCurrent),
            Count(CredentialKeyOutcome.NoSecret),
            [.. outcomes.Where(o => o.Value == CredentialKeyOutcome.Undecryptable).Select(o => o.Key).Order(StringComparer.Ordinal)]));
    }
}
