namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>The one spelling of a tenant id used as grain key, store key and URL segment.</summary>
public static class TenantKeys
{
    public static bool TryNormalize(string? value, out string tenantId)
    {
        if (Guid.TryParseExact(value?.Trim(), "D", out var guid) && guid != Guid.Empty)
        {
            tenantId = guid.ToString("D");
            return true;
        }

        tenantId = string.Empty;
        return false;
    }
}
