namespace TenantAuditGrid.GraphEmulator;

/// <summary>Names of the Microsoft Graph resource as tokens and scopes spell them.</summary>
internal static class GraphAudience
{
    public const string Uri = "https://graph.microsoft.com";
    public const string AppId = "00000003-0000-0000-c000-000000000000";
    public const string DefaultScope = "https://graph.microsoft.com/.default";

    public static bool IsGraphDefaultScope(string scope) =>
        scope.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var single]
        && (string.Equals(single, DefaultScope, StringComparison.OrdinalIgnoreCase)
            || string.Equals(single, AppId + "/.default", StringComparison.OrdinalIgnoreCase));
}
