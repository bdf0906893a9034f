namespace TenantAuditGrid.Host.Access;

/// <summary>
/// How roles are spelt: as app roles in an Entra token's <c>roles</c> claim (<c>TenantAuditGrid.Admin</c>, defined on the product's
/// app registration), and as policy names. API keys carry the same claim, so one policy check serves both kinds of caller.
/// </summary>
public static class OperatorRoles
{
    /// <summary>The claim type roles arrive in, in Entra's tokens and in the identities API keys produce.</summary>
    public const string ClaimType = "roles";

    private const string AppRolePrefix = "TenantAuditGrid.";

    public static string AppRoleValue(OperatorRole role) => AppRolePrefix + role;

    public static string PolicyName(OperatorRole role) => role.ToString();

    /// <summary>The role as the API's JSON and the key store spell it: <c>reader</c>, <c>operator</c>, <c>admin</c>.</summary>
    public static string ApiName(OperatorRole role) => role.ToString().ToLowerInvariant();

    /// <summary>Reads a stored role name; false for a name this version does not know (a key written by a newer one).</summary>
    public static bool TryParseApiName(string name, out OperatorRole role) =>
        Enum.TryParse(name, ignoreCase: true, out role) && Enum.IsDefined(role) && ApiName(role) == name;

    /// <summary>The app role values that satisfy <paramref name="role"/>: itself and every role above it.</summary>
    public static string[] SatisfyingAppRoles(OperatorRole role) =>
        [.. Enum.GetValues<OperatorRole>().Where(r => r >= role).Select(AppRoleValue)];

    /// <summary>The highest role among a caller's app role values; null when none is a TenantAuditGrid role.</summary>
    public static OperatorRole? Highest(IEnumerable<string> appRoleValues)
    {
        OperatorRole? highest = null;
        foreach (var value in appRoleValues)
        {
            if (value.StartsWith(AppRolePrefix, StringComparison.Ordinal)
                && Enum.TryParse<OperatorRole>(value[AppRolePrefix.Length..], ignoreCase: false, out var role)
                && Enum.IsDefined(role)
                && (highest is null || role > highest))
            {
                highest = role;
            }
        }

        return highest;
    }
}
