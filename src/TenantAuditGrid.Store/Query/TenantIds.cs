namespace TenantAuditGrid.Store.Query;

/// <summary>Tenant ids are Entra directory GUIDs; the store keeps them in lower-case "D" form.</summary>
public static class TenantIds
{
    public static bool TryNormalize(string? value, out string normalized)
    {
        if (Guid.TryParseExact(value, "D", out var guid))
        {
            normalized = guid.ToString("D");
            return true;
        }

        normalized = string.Empty;
        return false;
    }

    public static string Normalize(string value) =>
        TryNormalize(value, out var normalized)
            ? normalized
            : throw new QueryValidationException($"'{Truncate(value)}' is not a tenant id; tenant ids are GUIDs such as 00000000-0000-0000-0000-000000000000.");

    /// <summary>Caller text shortened for an error message.</summary>
    public static string Truncate(string? value) => value is null ? "null" : value.Length <= 64 ? value : value[..64] + "…";
}
