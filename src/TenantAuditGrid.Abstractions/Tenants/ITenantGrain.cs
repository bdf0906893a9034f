using Orleans.Concurrency;

namespace TenantAuditGrid.Abstractions.Tenants;

/// <summary>
/// One managed Entra tenant: its credential (encrypted), enabled sources, tags and typed health. Keyed by the tenant id GUID in
/// lowercase "D" format (see <see cref="TenantKeys"/>). Every change is published as a status row to the store, so lists across
/// thousands of tenants are read from SQL and never by calling each grain.
/// </summary>
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>
    /// Onboards the tenant. With <paramref name="probeNow"/> it is probed before this returns and the probe's findings, whatever they are,
    /// become its health; without, its sources are <see cref="TenantHealthState.Pending"/> until a background probe has run.
    /// </summary>
    Task<TenantCommandResult> OnboardAsync(TenantRegistration registration, bool probeNow);

    /// <summary>
    /// The tenant as it is now, or null when it is not onboarded. Interleaves, so a read never waits behind a probe that is queued
    /// for throttle budget.
    /// </summary>
    [AlwaysInterleave]
    Task<TenantView?> GetAsync();

    Task<TenantCommandResult> UpdateAsync(TenantUpdate update);

    /// <summary>
    /// Replaces the credential only if the candidate obtains a token from Entra; otherwise the old one stays and keeps working.
    /// </summary>
    Task<TenantCommandResult> RotateCredentialAsync(TenantCredential candidate);

    /// <summary>
    /// Re-encrypts the stored credential's secret material under the current master key when a previous key wrote it. Safe to repeat:
    /// a credential already under the current key is left untouched.
    /// </summary>
    Task<CredentialKeyOutcome> ReEncryptCredentialAsync();

    /// <summary>Probes now with the current credential and records the outcome.</summary>
    Task<TenantCommandResult> ProbeAsync();

    /// <summary>The outcome of the admin consent redirect for the shared app; re-probes when consent was granted.</summary>
    Task<TenantCommandResult> RecordConsentAsync(ConsentOutcome outcome);

    /// <summary>Stops syncing, forgets the credential and removes the status row; with <paramref name="purgeEvents"/>, deletes stored events too.</summary>
    Task<TenantCommandResult> OffboardAsync(bool purgeEvents);
}
