namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>
/// What TenantAuditGrid can do in a tenant, as the last probe found it.
/// <see cref="RetentionDays"/> is 7 for Free, 30 for P1/P2, and 30 when the licence is unknown: Entra keeps no
/// directory audits longer than that, so a backfill over 30 days can never miss data, at worst it reads empty slices.
/// </summary>
/// <param name="LicenceReadError">
/// Why Graph's subscription list could not be read (its error code, e.g. <c>Authorization_RequestDenied</c>); null when it was read,
/// or not asked for because directoryAudits itself is unreadable (then the source's health says why).
/// </param>
[GenerateSerializer, Alias("tag.TenantCapabilities")]
public sealed record TenantCapabilities(
    [property: Id(0)] bool CanReadDirectoryAudits,
    [property: Id(1)] bool CanReadSecurityActions,
    [property: Id(2)] bool CanWriteSecurityActions,
    [property: Id(3)] TenantLicence Licence,
    [property: Id(4)] int RetentionDays,
    [property: Id(5)] string? LicenceReadError = null)
{
    public const int FreeRetentionDays = 7;
    public const int PremiumRetentionDays = 30;

    public static TenantCapabilities None { get; } = new(false, false, false, TenantLicence.Unknown, PremiumRetentionDays);

    /// <summary>How many days Graph keeps directory audits; an unknown licence counts as the longest, so nothing is left unread.</summary>
    public static int RetentionFor(TenantLicence licence) =>
        licence == TenantLicence.Free ? FreeRetentionDays : PremiumRetentionDays;
}
