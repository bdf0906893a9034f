using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using TenantAuditGrid.Abstractions;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Clients;
using TenantAuditGrid.Graph.Reading;

namespace TenantAuditGrid.Graph.Health;

/// <summary>
/// Finds out whether and how far a tenant can be read: acquires a token (classifying any refusal), reads the token's
/// <c>roles</c>, reads one item of each probed source, works out the licence, and returns typed health per source plus
/// the capability matrix. Costs one token request (none when cached) and up to two directoryAudits report requests and one
/// securityActions request; callers that share the throttle budget should account for that.
/// </summary>
public sealed class TenantProbe(
    TenantGraphClientFactory clients,
    DirectoryAuditsReader directoryAudits,
    SecurityActionsReader securityActions,
    LicenceReader licences,
    GraphFailureClassifier classifier,
    IOptions<SharedAppOptions> sharedApp,
    [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider timeProvider,
    ILogger<TenantProbe> logger)
{
    /// <summary>A credential that expires within this time is reported as <see cref="TenantHealthState.CredentialExpiringSoon"/>.</summary>
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(14);

    public static IReadOnlyList<AuditSource> AllSources { get; } = [AuditSource.DirectoryAudits, AuditSource.SecurityActions];

    /// <summary>Probes with the tenant's cached client (the one sync uses).</summary>
    public Task<TenantProbeResult> ProbeAsync(
        string tenantId, TenantCredential credential, IReadOnlyCollection<AuditSource>? sources = null, CancellationToken cancellationToken = default) =>
        ProbeCoreAsync(tenantId, credential, sources ?? AllSources, cached: true, cancellationToken);

    /// <summary>
    /// Probes a candidate credential with a client of its own, not cached, so a rejected candidate never displaces the
    /// working one. Accept a rotation only when <see cref="TenantProbeResult.TokenIssued"/> is true.
    /// </summary>
    public Task<TenantProbeResult> CheckCredentialAsync(
        string tenantId, TenantCredential candidate, IReadOnlyCollection<AuditSource>? sources = null, CancellationToken cancellationToken = default) =>
        ProbeCoreAsync(tenantId, candidate, sources ?? AllSources, cached: false, cancellationToken);

    private async Task<TenantProbeResult> ProbeCoreAsync(
        string tenantId, TenantCredential credential, IReadOnlyCollection<AuditSource> sources, bool cached, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(credential);
        var probedSources = sources.Distinct().Order().ToArray();
        var now = timeProvider.GetUtcNow();
        var expiresOn = credential.ExpiresOn ?? (credential is SharedAppTenantCredential ? sharedApp.Value.ClientSecretExpiresOn : null);
        TenantGraphClient client;
        try
        {
            client = cached ? clients.GetClient(tenantId, credential) : clients.CreateClient(tenantId, credential);
        }
        catch (Exception e) when (classifier.TryClassify(e, null, out var failure))
        {
            return Finish(tenantId, now, [.. probedSources.Select(s => Failed(s, now, failure, null, expiresOn))], TenantCapabilities.None, [], expiresOn, false);
        }

        // A certificate past NotAfter cannot work; Entra would answer AADSTS700027, which also means other things.
        if (credential is CertificateTenantCredential { NotAfter: var notAfter } && notAfter <= now)
        {
            return Finish(tenantId, now,
                [.. probedSources.Select(s => Health(s, TenantHealthState.CredentialExpired, now, "certificate_expired", client.ClientId, [], expiresOn))],
                TenantCapabilities.None, [], expiresOn, false);
        }

        string accessToken;
        try
        {
            accessToken = (await client.GetTokenAsync(cancellationToken).ConfigureAwait(false)).Token;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && classifier.TryClassify(e, null, out var failure))
        {
            return Finish(tenantId, now, [.. probedSources.Select(s => Failed(s, now, failure, client.ClientId, expiresOn))], TenantCapabilities.None, [], expiresOn, false);
        }

        var roles = RolesOf(accessToken);
        if (roles is { Count: 0 })
        {
            // Entra issues app-only tokens without roles when nothing was consented; Graph would answer 403 to everything.
            return Finish(tenantId, now,
                [.. probedSources.Select(s => Health(s, TenantHealthState.ConsentRequired, now, "no_roles_in_token", client.ClientId,
                    GraphPermissions.MissingForRead(s, []), expiresOn))],
                TenantCapabilities.None, [], expiresOn, true);
        }

        var results = new List<SourceHealth>(probedSources.Length);
        foreach (var source in probedSources)
        {
            // A source probe may replace the client (after Graph rejected its token); later calls use the replacement.
            (var health, client) = await ProbeSourceAsync(client, credential, source, roles, now, expiresOn, cached, cancellationToken).ConfigureAwait(false);
            results.Add(health);
        }

        var licence = new LicenceReading(TenantLicence.Unknown, null);
        var directory = results.FirstOrDefault(r => r.Source == AuditSource.DirectoryAudits);
        if (directory is { State: TenantHealthState.Healthy })
        {
            licence = await DetermineLicenceAsync(client, now, cancellationToken).ConfigureAwait(false);
            if (licence.Licence == TenantLicence.Free)
            {
                results[results.IndexOf(directory)] = Health(
                    AuditSource.DirectoryAudits, TenantHealthState.LicenceLimited, now, "free_licence", client.ClientId, [], expiresOn);
            }
        }

        if (expiresOn is { } expiry && expiry - now <= ExpiryWarning)
        {
            for (var i = 0; i < results.Count; i++)
            {
                if (results[i].State == TenantHealthState.Healthy)
                {
                    results[i] = Health(results[i].Source, TenantHealthState.CredentialExpiringSoon, now, "credential_expiring", client.ClientId, [], expiresOn);
                }
            }
        }

        var readable = results.Where(r => r.IsReadable).Select(r => r.Source).ToHashSet();
        var canReadActions = readable.Contains(AuditSource.SecurityActions);
        var capabilities = new TenantCapabilities(
            readable.Contains(AuditSource.DirectoryAudits),
            canReadActions,
            canReadActions && roles is not null && GraphPermissions.CanWriteSecurityActions(roles),
            licence.Licence,
            TenantCapabilities.RetentionFor(licence.Licence),
            licence.ReadError);
        // A cached token can outlive its credential; when the fresh token a source asked for was refused, say so.
        var tokenStillIssued = !results.Any(r => r.LastErrorCode?.StartsWith("AADSTS", StringComparison.Ordinal) == true);
        return Finish(tenantId, now, results, capabilities, roles ?? [], expiresOn, tokenStillIssued);
    }

    private async Task<(SourceHealth Health, TenantGraphClient Client)> ProbeSourceAsync(
        TenantGraphClient client, TenantCredential credential, AuditSource source, IReadOnlyCollection<string>? roles, DateTimeOffset now,
        DateTimeOffset? expiresOn, bool cached, CancellationToken cancellationToken)
    {
        if (roles is not null && GraphPermissions.MissingForRead(source, roles) is { Count: > 0 } missing)
        {
            return (Health(source, TenantHealthState.PermissionMissing, now, "roles_claim", client.ClientId, missing, expiresOn), client);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _ = source == AuditSource.DirectoryAudits
                    ? await directoryAudits.ReadFirstPageAsync(client, new AuditWindowQuery(null, null, Top: 1), cancellationToken).ConfigureAwait(false)
                    : await securityActions.ReadFirstPageAsync(client, top: 1, cancellationToken: cancellationToken).ConfigureAwait(false);
                return (Health(source, TenantHealthState.Healthy, now, null, client.ClientId, [], expiresOn), client);
            }
            catch (GraphAccessException e) when (e.Failure.Kind == GraphFailureKind.TokenRejected && attempt == 1)
            {
                // Graph refused a token the credential's cache still trusts (revoked early): try once more with a fresh credential.
                logger.LogInformation("Graph rejected the token of tenant {TenantId}; probing again with a new token", client.TenantId);
                if (cached)
                {
                    clients.Invalidate(client.TenantId);
                    client = clients.GetClient(client.TenantId, credential);
                }
                else
                {
                    client = clients.CreateClient(client.TenantId, credential);
                }
            }
            catch (GraphAccessException e)
            {
                return (Failed(source, now, e.Failure, client.ClientId, expiresOn), client);
            }
        }
    }

    private async Task<LicenceReading> DetermineLicenceAsync(TenantGraphClient client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reading = await licences.ReadAsync(client, cancellationToken).ConfigureAwait(false);
        if (reading.Licence != TenantLicence.Unknown)
        {
            return reading;
        }

        // Without the licence, the data itself is evidence: an event older than Free's 7 days proves longer retention.
        try
        {
            var cutoff = now - TimeSpan.FromDays(TenantCapabilities.FreeRetentionDays) - TimeSpan.FromHours(1);
            var older = await directoryAudits.ReadFirstPageAsync(client, new AuditWindowQuery(null, cutoff, Top: 1), cancellationToken).ConfigureAwait(false);
            return older.Items.Count > 0 ? reading with { Licence = TenantLicence.Premium } : reading;
        }
        catch (GraphAccessException)
        {
            return reading;
        }
    }

    private TenantProbeResult Finish(
        string tenantId, DateTimeOffset now, IReadOnlyList<SourceHealth> sources, TenantCapabilities capabilities,
        IReadOnlyList<string> roles, DateTimeOffset? expiresOn, bool tokenIssued)
    {
        var state = TenantHealthSeverity.MostSevere(sources.Select(s => s.State));
        // Debug: the probe reminder repeats this for every tenant; the tenant grain logs onboarding, and its health is in /api/tenants.
        logger.LogDebug(
            "Probed tenant {TenantId}: {State}; {SourceStates}",
            tenantId, state, string.Join(", ", sources.Select(s => $"{s.Source}={s.State}{(s.LastErrorCode is { } code ? $" ({code})" : "")}")));
        return new TenantProbeResult(tenantId, now, state, sources, capabilities, roles, expiresOn, tokenIssued);
    }

    private static SourceHealth Failed(AuditSource source, DateTimeOffset now, GraphAccessFailure failure, string? clientId, DateTimeOffset? expiresOn)
    {
        var state = failure.HealthState ?? TenantHealthState.Unreachable;
        var missing = state == TenantHealthState.PermissionMissing ? failure.MissingPermissions : [];
        return Health(source, state, now, failure.ErrorCode, clientId, missing, expiresOn, failure.RetryAfter);
    }

    private static SourceHealth Health(
        AuditSource source, TenantHealthState state, DateTimeOffset now, string? code, string? clientId,
        IReadOnlyList<string> missing, DateTimeOffset? expiresOn, TimeSpan? retryAfter = null) =>
        new(source, state, now, now, code, RemediationTexts.For(state, clientId, missing, expiresOn, retryAfter), missing, retryAfter);

    private static IReadOnlyList<string>? RolesOf(string accessToken)
    {
        try
        {
            var token = new JsonWebToken(accessToken);
            return [.. token.Claims.Where(c => c.Type == "roles").Select(c => c.Value)];
        }
        catch (ArgumentException)
        {
            // Not a JWT we can read (Graph tokens are, but the format is Microsoft's to change): rely on Graph's answers instead.
            return null;
        }
    }
}
