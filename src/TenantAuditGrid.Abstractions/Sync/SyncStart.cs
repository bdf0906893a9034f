using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Abstractions.Sync;

/// <summary>
/// What a sync grain needs to run: the tenant's credential (secret material stays encrypted), the retention to backfill, and
/// where to report health changes.
/// </summary>
/// <param name="RetentionDays">How far back to backfill (7 for Entra ID Free, 30 for P1/P2; see <see cref="TenantCapabilities"/>).</param>
/// <param name="HealthSink">Told when the source stops being readable (403, refused token) or recovers; null to only show it in status.</param>
[GenerateSerializer, Alias("tag.SyncStart")]
public sealed record SyncStart(
    [property: Id(0)] TenantCredential Credential,
    [property: Id(1)] int RetentionDays,
    [property: Id(2)] ISyncHealthSink? HealthSink = null)
{
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Credential);
        if (RetentionDays is < 1 or > 365)
        {
            throw new ArgumentOutOfRangeException(nameof(RetentionDays), RetentionDays, "Retention must be between 1 and 365 days.");
        }
    }
}
