using System.Globalization;
using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Graph.Health;

/// <summary>
/// What an MSP operator should do about each health state, in words they can act on without reading logs.
/// Texts name the tenant's app (client id) and permissions; they never contain credential material.
/// </summary>
public static class RemediationTexts
{
    public static string For(
        TenantHealthState state,
        string? clientId = null,
        IReadOnlyCollection<string>? missingPermissions = null,
        DateTimeOffset? credentialExpiresOn = null,
        TimeSpan? retryAfter = null)
    {
        var app = clientId is { Length: > 0 } ? $"app {clientId}" : "the app";
        return state switch
        {
            TenantHealthState.Healthy => string.Empty,
            TenantHealthState.ConsentRequired =>
                $"A Global Administrator of the tenant must grant admin consent to {app} " +
                "(use the tenant's consent link), then probe the tenant again.",
            TenantHealthState.CredentialInvalid =>
                $"The tenant rejected the credential of {app}. Check that the client secret value (not its id) or the certificate " +
                "registered on the app registration is the one stored here, and upload the correct one.",
            TenantHealthState.CredentialExpired =>
                $"The client secret or certificate of {app} has expired{On(credentialExpiresOn)}. Create a new one on the app " +
                "registration and upload it here.",
            TenantHealthState.CredentialExpiringSoon =>
                $"The client secret or certificate of {app} expires{On(credentialExpiresOn)}. Create a new one on the app " +
                "registration and upload it before then; reading continues until it expires.",
            TenantHealthState.AppNotFound =>
                $"{Capitalise(app)} is not known in this tenant (or is disabled). Check the client id, or register the app in the tenant " +
                "(for a multi-tenant app, have an administrator consent to it).",
            TenantHealthState.TenantNotFound =>
                "Entra does not know this tenant id. Check the tenant id (a GUID from the customer's Entra overview) and the cloud.",
            TenantHealthState.PermissionMissing =>
                $"Grant {app} the application permission(s) {Names(missingPermissions)} in the tenant, with admin consent, " +
                "then probe the tenant again.",
            TenantHealthState.LicenceLimited =>
                "The tenant has Entra ID Free: directory audits are kept for 7 days only and sign-in logs are unavailable. " +
                "An Entra ID P1 or P2 licence gives 30 days; until then sync keeps up within 7 days.",
            TenantHealthState.Throttled =>
                $"Graph is throttling requests for this tenant{After(retryAfter)}. No action needed unless it persists; " +
                "then reduce other tools' use of the same app.",
            TenantHealthState.Unreachable =>
                "Graph or the Entra token endpoint could not be reached or answered with a server error. It is retried " +
                "automatically; if it persists, check outbound connectivity and the Microsoft 365 service health.",
            TenantHealthState.Disabled =>
                "The tenant is paused or offboarded by an operator; nothing is read. Re-enable it to resume.",
            _ => string.Empty,
        };
    }

    /// <summary>For history older than the tenant's licence lets Graph keep.</summary>
    public static string BeyondRetention(TenantLicence licence, int retentionDays) =>
        $"Graph keeps {retentionDays} days of this tenant's directory audits ({licence.DisplayName()}): nothing older can be read, " +
        "so nothing older can be verified. Events the store read earlier are kept." +
        (licence == TenantLicence.Free
            ? $" An Entra ID P1 or P2 licence makes Graph keep {TenantCapabilities.PremiumRetentionDays} days, from the day it is active."
            : "");

    /// <summary>For history read while the licence, and with it Graph's retention, is unknown.</summary>
    public static string LicenceUnknown() =>
        $"The tenant's licence could not be read, so it is unknown whether Graph keeps {TenantCapabilities.FreeRetentionDays} days of its " +
        $"audit log (Entra ID Free) or {TenantCapabilities.PremiumRetentionDays} (P1/P2): an empty stretch here may be a quiet tenant or history Graph never kept. " +
        "Let the app read GET /v1.0/subscribedSkus (Directory.Read.All or LicenseAssignment.Read.All, with admin consent), then probe " +
        "the tenant again; its capabilities.licenceReadError has Graph's answer.";

    /// <summary>For history Graph holds that the sync has not read.</summary>
    public static string NotRead(bool queued) => queued
        ? "Queued for the backfill, which reads history newest first; no action needed."
        : "Graph holds these events but the sync has not read them; it reads them once the source is readable and the sync runs " +
          "(see the source's state and pausedBy).";

    private static string Names(IReadOnlyCollection<string>? permissions) =>
        permissions is { Count: > 0 } ? string.Join(", ", permissions) : "needed for this source";

    private static string On(DateTimeOffset? at) =>
        at is { } value ? string.Create(CultureInfo.InvariantCulture, $" on {value:yyyy-MM-dd HH:mm} UTC") : string.Empty;

    private static string After(TimeSpan? wait) =>
        wait is { } value ? string.Create(CultureInfo.InvariantCulture, $" (Graph asked to wait {value.TotalSeconds:0.#} s)") : string.Empty;

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
