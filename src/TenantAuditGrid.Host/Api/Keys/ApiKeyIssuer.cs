using TenantAuditGrid.Host.Access;
using TenantAuditGrid.Store.Keys;

namespace TenantAuditGrid.Host.Api.Keys;

/// <summary>The one way keys are made: by the API for an Admin, and at first start for the embedded bootstrap key.</summary>
public sealed class ApiKeyIssuer(IApiKeyStore keys, TimeProvider clock)
{
    public async Task<(ApiKeyRecord Stored, string Key)> IssueAsync(
        string displayName, OperatorRole role, DateTimeOffset? expiresAt, string createdBy, CancellationToken cancellationToken)
    {
        var generated = ApiKeyFormat.Generate();
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
        return (record, generated.Key);
    }
}
