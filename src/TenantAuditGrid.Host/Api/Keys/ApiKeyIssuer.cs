using TenantAuditGrid.Host.Access;
using TenantAuditGrid.Host.Api.Grants;
using TenantAuditGrid.Store.Customers;
using TenantAuditGrid.Store.Keys;

namespace TenantAuditGrid.Host.Api.Keys;

/// <summary>The one way keys are made: by the API for an Admin, and at first start for the embedded bootstrap key.</summary>
/// <remarks>
/// A reader or operator key's grant is written before the key: a key never exists, not even for a moment, without the customers it
/// was made for, and a grant left behind by a failed key creation names a key that never authenticates.
/// </remarks>
public sealed class ApiKeyIssuer(IApiKeyStore keys, IAccessGrantStore grants, TimeProvider clock)
{
    /// <param name="customers">The customers of a reader or operator key; null for an admin key, which sees every customer.</param>
    public async Task<(ApiKeyRecord Stored, string Key, AccessGrant? Grant)> IssueAsync(
        string displayName,
        OperatorRole role,
        DateTimeOffset? expiresAt,
        GrantedCustomers? customers,
        string createdBy,
        CancellationToken cancellationToken)
    {
        if ((role == OperatorRole.Admin) != (customers is null))
        {
            throw new ArgumentException("An admin key takes no customers; a reader or operator key needs them.", nameof(customers));
        }

        var generated = ApiKeyFormat.Generate();
        var grant = customers?.ToGrant(ApiKeyCaller.Id(generated.KeyId), clock.GetUtcNow(), createdBy);
        if (grant is not null)
        {
            await grants.SetAsync(grant, cancellationToken);
        }

        var record = new ApiKeyRecord
        {
            KeyId = generated.KeyId,
            DisplayName = displayName,
            Role = OperatorRoles.ApiName(role),
            SecretHash = generated.SecretHash,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = createdBy,
            ExpiresAt = expiresAt?.ToUniversalTime(),
        };
        await keys.CreateAsync(record, cancellationToken);
        return (record, generated.Key, grant);
    }
}
