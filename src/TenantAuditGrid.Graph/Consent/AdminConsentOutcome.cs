using System.Web;

namespace TenantAuditGrid.Graph.Consent;

/// <summary>
/// What Entra's admin-consent redirect says: success carries <c>tenant</c>, <c>state</c> and <c>admin_consent=True</c>;
/// failure carries <c>error</c> (for example <c>permission_denied</c>) and <c>error_description</c>.
/// </summary>
public sealed record AdminConsentOutcome(bool Granted, string? TenantId, string? State, string? Error, string? ErrorDescription)
{
    /// <summary>Reads the callback's query string (with or without the leading '?').</summary>
    public static AdminConsentOutcome FromQuery(string query)
    {
        var values = HttpUtility.ParseQueryString(query ?? string.Empty);
        var error = Value(values["error"]);
        var granted = error is null && string.Equals(values["admin_consent"], "True", StringComparison.OrdinalIgnoreCase);
        return new AdminConsentOutcome(granted, Value(values["tenant"]), Value(values["state"]), error, Value(values["error_description"]));
    }

    private static string? Value(string? raw) => string.IsNullOrWhiteSpace(raw) ? null : raw;
}
