using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Abstractions.Sync;

/// <summary>
/// What a sync grain needs to run: the tenant's credential (secret material stays encrypted), the licence that decides how far back
/// Graph keeps events, and where to report health changes.
/// </summary>
/// <param name="Licence">The tenant's licence as the last probe found it: Free backfills 7 days, P1/P2 30, Unknown 30 (see <see cref="TenantCapabilities"/>).</param>
/// <param name="HealthSink">Told when the source stops being readable (403, refused token) or recovers; null to only show it in status.</param>
[GenerateSerializer, Alias("tag.SyncStart")]
public sealed record SyncStart(
    [property: Id(0)] TenantCredential Credential,
    [property: Id(1)] TenantLicence Licence,
    [property: Id(2)] ISyncHealthSink? HealthSink = null)
{
    /// <summary>How many days back Graph keeps this tenant's events, the longest it offers when the licence is unknown.</summary>
    public int RetentionDays => TenantCapabilities.RetentionFor(Licence);

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Credential);
        if (!Enum.IsDefined(Licence))
        {
            throw new ArgumentOutOfRangeException(nameof(Licence), Licence, "Unknown licence value.");
        }
    }
}
