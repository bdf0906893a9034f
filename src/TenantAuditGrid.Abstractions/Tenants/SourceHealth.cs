namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>
/// The health of one audit source of one tenant.
/// </summary>
/// <param name="Since">When the source entered <paramref name="State"/> (kept across probes that find the same state).</param>
/// <param name="ObservedAt">When this state was last confirmed.</param>
/// <param name="LastErrorCode">The AADSTS or Graph error code behind a non-healthy state (for example <c>AADSTS7000222</c>,
/// <c>Authentication_MSGraphPermissionMissing</c>, <c>HTTP 503</c>); null when healthy.</param>
/// <param name="Remediation">What an operator should do, in words; empty when nothing is needed.</param>
/// <param name="MissingPermissions">Application permissions the source needs and the tenant has not granted.</param>
/// <param name="RetryAfter">For <see cref="TenantHealthState.Throttled"/>: how long Graph asked us to wait.</param>
[GenerateSerializer, Alias("tag.SourceHealth")]
public sealed record SourceHealth(
    [property: Id(0)] AuditSource Source,
    [property: Id(1)] TenantHealthState State,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] DateTimeOffset ObservedAt,
    [property: Id(4)] string? LastErrorCode,
    [property: Id(5)] string Remediation,
    [property: Id(6)] IReadOnlyList<string> MissingPermissions,
    [property: Id(7)] TimeSpan? RetryAfter)
{
    /// <summary>True when the source's data can be read (a warning such as an expiring credential still reads).</summary>
    public bool IsReadable => State is TenantHealthState.Healthy
        or TenantHealthState.CredentialExpiringSoon
        or TenantHealthState.LicenceLimited;

    /// <summary>
    /// This observation as the successor of <paramref name="previous"/>: when the state has not changed, the
    /// original <see cref="Since"/> is kept, so "since when" means since the state began, not since the last probe.
    /// </summary>
    public SourceHealth Following(SourceHealth? previous) =>
        previous is not null && previous.Source == Source && previous.State == State && previous.Since < Since
            ? this with { Since = previous.Since }
            : this;
}
