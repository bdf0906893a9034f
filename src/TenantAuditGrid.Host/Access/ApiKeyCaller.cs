namespace TenantAuditGrid.Host.Access;

/// <summary>How an API key appears as a caller wherever an operator's object id would (created-by, revoked-by, the activity feed).</summary>
public static class ApiKeyCaller
{
    public static string Id(string keyId) => $"apiKey:{keyId}";
}
