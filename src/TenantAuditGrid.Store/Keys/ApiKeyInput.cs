namespace TenantAuditGrid.Store.Keys;

/// <summary>What both key stores refuse, with the same messages, before anything is written.</summary>
internal static class ApiKeyInput
{
    public const int SecretHashLength = 32;

    public static void Validate(ApiKeyRecord key, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        StoreInput.RequireId(key.KeyId, $"{parameterName}.{nameof(key.KeyId)}");
        StoreInput.RequireId(key.DisplayName, $"{parameterName}.{nameof(key.DisplayName)}");
        StoreInput.RequireId(key.Role, $"{parameterName}.{nameof(key.Role)}");
        StoreInput.RequireId(key.CreatedBy, $"{parameterName}.{nameof(key.CreatedBy)}");
        if (key.SecretHash is not { Length: SecretHashLength })
        {
            throw new ArgumentException($"{parameterName}.{nameof(key.SecretHash)} must be a {SecretHashLength}-byte SHA-256 hash.", parameterName);
        }

        if (key.RevokedAt is not null || key.LastUsedAt is not null)
        {
            throw new ArgumentException("A key is created unused and unrevoked.", parameterName);
        }
    }
}
