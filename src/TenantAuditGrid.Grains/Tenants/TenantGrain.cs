using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TenantAuditGrid.Abstractions;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Grains.Budget;
using TenantAuditGrid.Graph.Clients;
using TenantAuditGrid.Graph.Credentials;
using TenantAuditGrid.Graph.Health;
using TenantAuditGrid.Store;

namespace TenantAuditGrid.Grains.Tenants;

/// <summary>
/// Owns one tenant's credential and health, and decides which of its sources sync: a source syncs while it is enabled, the tenant is
/// not paused and the last probe found it readable. Sync grains report health changes back through <see cref="ISyncHealthSink"/>.
/// Probes go through the shared throttle budget like any other report request. State is written before the status row is published,
/// so the store never shows a state the grain could lose.
/// </summary>
public sealed partial class TenantGrain(
    [PersistentState("tenant")] IPersistentState<TenantState> state,
    TenantProbe probe,
    TenantGraphClientFactory clients,
    CredentialProtector protector,
    GraphBudgetScheduler budget,
    ITenantStatusStore statusStore,
    IAuditStore auditStore,
    IOptions<TenantGrainOptions> options,
    [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider clock,
    SiloStopping silo,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain, ISyncHealthSink, IRemindable
{
    private const string ProbeReminder = "probe";
    private const int ReportRequestsPerProbe = 2;

    private string TenantId => this.GetPrimaryKeyString();

    private TenantState Tenant => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Embedded mode keeps reminders in memory; re-registering and restarting sync on every activation makes a restarted silo
        // resume probing and syncing. Both calls are idempotent.
        if (Tenant.Onboarded)
        {
            await this.RegisterOrUpdateReminder(ProbeReminder, options.Value.ProbeInterval, options.Value.ProbeInterval);
            await ReconcileSyncAsync();
        }
    }

    public async Task<TenantCommandResult> OnboardAsync(TenantRegistration registration, bool probeNow)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (Tenant.Onboarded)
        {
            return TenantCommandResult.Refused(TenantCommandOutcome.AlreadyOnboarded, $"tenant {TenantId} is already onboarded");
        }

        state.State = new TenantState
        {
            Onboarded = true,
            DisplayName = registration.DisplayName,
            Tags = [.. registration.Tags],
            Sources = [.. registration.Sources.Distinct()],
            Credential = registration.Credential,
            CustomerId = registration.CustomerId,
            OnboardedAt = clock.GetUtcNow(),
        };
        if (probeNow)
        {
            await RunProbeAsync(registration.Credential);
        }
        else
        {
            var now = clock.GetUtcNow();
            Tenant.Health = [.. Tenant.Sources.Select(source => new SourceHealth(
                source, TenantHealthState.Pending, now, now, null, "The first probe is queued behind the throttle budget.", [], null))];
            await SaveAndPublishAsync();
            this.RegisterGrainTimer(ProbeOnceAsync, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        await this.RegisterOrUpdateReminder(ProbeReminder, options.Value.ProbeInterval, options.Value.ProbeInterval);
        var view = View();
        LogOnboarded(logger, TenantId, view.State, Tenant.Sources.Count);
        return TenantCommandResult.Ok(view);
    }

    public Task<TenantView?> GetAsync() => Task.FromResult(Tenant.Onboarded ? View() : null);

    public async Task<TenantCommandResult> UpdateAsync(TenantUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (!Tenant.Onboarded)
        {
            return NotFound();
        }

        Tenant.DisplayName = update.DisplayName ?? Tenant.DisplayName;
        Tenant.Tags = update.Tags is { } tags ? [.. tags] : Tenant.Tags;
        Tenant.Sources = update.Sources is { } sources ? [.. sources.Distinct()] : Tenant.Sources;
        Tenant.Paused = update.Paused ?? Tenant.Paused;
        Tenant.CustomerId = update.CustomerId ?? Tenant.CustomerId;
        await SaveAndPublishAsync();
        await ReconcileSyncAsync();
        return TenantCommandResult.Ok(View());
    }

    public async Task<TenantCommandResult> RotateCredentialAsync(TenantCredential candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (!Tenant.Onboarded)
        {
            return NotFound();
        }

        // Versions key the Graph client cache, so the grain, the only writer, numbers them.
        candidate = candidate with { Version = (Tenant.Credential?.Version ?? 0) + 1 };
        var check = await WithBudgetAsync(candidate, () => probe.CheckCredentialAsync(TenantId, candidate, Tenant.Sources));
        if (!check.TokenIssued)
        {
            // The old credential stays in place and keeps working; the operator sees why the new one was refused.
            return TenantCommandResult.Refused(
                TenantCommandOutcome.CredentialRejected,
                $"Entra refused the new credential ({check.State}); the previous credential is still in use",
                check);
        }

        Tenant.Credential = candidate;
        clients.Invalidate(TenantId);
        Record(check);
        await SaveAndPublishAsync();
        await ReconcileSyncAsync();
        return TenantCommandResult.Ok(View());
    }

    public async Task<CredentialKeyOutcome> ReEncryptCredentialAsync()
    {
        if (!Tenant.Onboarded || Tenant.Credential is null)
        {
            return CredentialKeyOutcome.NotOnboarded;
        }

        if (Tenant.Credential is SharedAppTenantCredential)
        {
            return CredentialKeyOutcome.NoSecret;
        }

        TenantCredential? rewritten;
        try
        {
            rewritten = protector.UnderCurrentKey(TenantId, Tenant.Credential);
        }
        catch (CredentialDecryptionException e)
        {
            LogUndecryptable(logger, TenantId, e.Message);
            return CredentialKeyOutcome.Undecryptable;
        }

        if (rewritten is null)
        {
            return CredentialKeyOutcome.AlreadyCurrent;
        }

        // Only the grain state holds secret material; the status row has nothing key-dependent, so it is not republished.
        Tenant.Credential = rewritten;
        await state.WriteStateAsync();
        return CredentialKeyOutcome.ReEncrypted;
    }

    public async Task<TenantCommandResult> ProbeAsync()
    {
        if (!Tenant.Onboarded || Tenant.Credential is null)
        {
            return NotFound();
        }

        // An operator asking for a probe wants today's answer, not a cached token's: a secret that expired since the token was
        // issued only shows when a new token is requested.
        clients.Invalidate(TenantId);
        await RunProbeAsync(Tenant.Credential);
        return TenantCommandResult.Ok(View());
    }

    public async Task<TenantCommandResult> RecordConsentAsync(ConsentOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (!Tenant.Onboarded || Tenant.Credential is null)
        {
            return NotFound();
        }

        if (outcome.Granted)
        {
            // A fresh client: the cached token was issued before consent and carries no roles.
            clients.Invalidate(TenantId);
            await RunProbeAsync(Tenant.Credential);
            return TenantCommandResult.Ok(View());
        }

        var now = clock.GetUtcNow();
        Tenant.Health = [.. Tenant.Sources.Select(source => new SourceHealth(
            source, TenantHealthState.ConsentRequired, now, now, outcome.Error ?? "consent_denied",
            "An administrator of this tenant declined or could not complete admin consent. Ask a Global Administrator to open the consent link again and accept.",
            [], null).Following(Tenant.Health.FirstOrDefault(h => h.Source == source)))];
        await SaveAndPublishAsync();
        await ReconcileSyncAsync();
        return TenantCommandResult.Ok(View());
    }

    public async Task<TenantCommandResult> OffboardAsync(bool purgeEvents)
    {
        if (!Tenant.Onboarded)
        {
            return NotFound();
        }

        var last = View();
        if (await this.GetReminder(ProbeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await GrainFactory.StopTenantSyncAsync(TenantId);
        clients.Invalidate(TenantId);
        if (purgeEvents)
        {
            await auditStore.DeleteTenantDataAsync(TenantId);
        }

        await state.ClearStateAsync();
        await statusStore.DeleteAsync(TenantId);
        DeactivateOnIdle();
        LogOffboarded(logger, TenantId, purgeEvents);
        return TenantCommandResult.Ok(last with { State = TenantHealthState.Disabled });
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ProbeReminder && Tenant.Onboarded && !Tenant.Paused && Tenant.Credential is not null)
        {
            await RunBackgroundProbeAsync(Tenant.Credential);
        }
    }

    private Task ProbeOnceAsync(CancellationToken cancellationToken) =>
        Tenant.Onboarded && Tenant.Credential is { } credential ? RunBackgroundProbeAsync(credential) : Task.CompletedTask;

    /// <summary>A probe nobody waits for (reminder, batch onboarding). One the silo's stop cancelled is not a failure.</summary>
    private async Task RunBackgroundProbeAsync(TenantCredential credential)
    {
        try
        {
            await RunProbeAsync(credential);
        }
        catch (OperationCanceledException) when (silo.IsStopping)
        {
            // Nothing was recorded; the probe reminder fires again once the grain is active on a running silo.
        }
    }

    private async Task RunProbeAsync(TenantCredential credential)
    {
        var result = await WithBudgetAsync(credential, () => probe.ProbeAsync(TenantId, credential, Tenant.Sources));
        Record(result);
        await SaveAndPublishAsync();
        await ReconcileSyncAsync();
    }

    public async Task SourceHealthChangedAsync(string tenantId, SourceHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        if (!Tenant.Onboarded || tenantId != TenantId)
        {
            return;
        }

        var previous = Tenant.Health.FirstOrDefault(h => h.Source == health.Source);
        Tenant.Health = [.. Tenant.Health.Where(h => h.Source != health.Source), health.Following(previous)];
        await SaveAndPublishAsync();
    }

    private Task ReconcileSyncAsync()
    {
        if (!Tenant.Onboarded || Tenant.Paused || Tenant.Credential is null)
        {
            return GrainFactory.StopTenantSyncAsync(TenantId);
        }

        var readable = Tenant.Sources.Where(source => Tenant.Health.FirstOrDefault(h => h.Source == source)?.IsReadable == true).ToList();
        return GrainFactory.StartTenantSyncAsync(
            TenantId, readable, new SyncStart(Tenant.Credential, Tenant.Capabilities.Licence, this.AsReference<ISyncHealthSink>()));
    }

    private async Task<TenantProbeResult> WithBudgetAsync(TenantCredential credential, Func<Task<TenantProbeResult>> run)
    {
        var appId = clients.GetClient(TenantId, credential).ClientId;
        for (var i = 0; i < ReportRequestsPerProbe; i++)
        {
            // The silo's stop ends the wait; otherwise this call would hold the grain's deactivation until the shutdown timeout.
            await budget.WaitForPermitAsync(appId, TenantId, RequestPriority.Freshness, clock.GetUtcNow(), silo.Token);
        }

        return await run();
    }

    private void Record(TenantProbeResult result)
    {
        Tenant.Health = [.. result.Sources.Select(health => health.Following(Tenant.Health.FirstOrDefault(h => h.Source == health.Source)))];
        Tenant.Capabilities = result.Capabilities;
        Tenant.GrantedRoles = [.. result.GrantedRoles];
        Tenant.LastProbedAt = result.ProbedAt;
    }

    private async Task SaveAndPublishAsync()
    {
        Tenant.StatusVersion++;
        await state.WriteStateAsync();
        await statusStore.UpsertAsync(TenantStatusRows.From(TenantId, Tenant, View().State, clock.GetUtcNow()));
    }

    private TenantView View()
    {
        var overall = Tenant.Paused
            ? TenantHealthState.Disabled
            : TenantHealthSeverity.MostSevere(Tenant.Health.Where(h => Tenant.Sources.Contains(h.Source)).Select(h => h.State));
        return new TenantView(
            TenantId, Tenant.DisplayName, Tenant.Tags, Tenant.Sources, Tenant.Paused, overall, Tenant.Health, Tenant.Capabilities,
            CredentialSummary.Of(Tenant.Credential!), Tenant.OnboardedAt, Tenant.LastProbedAt, Tenant.GrantedRoles,
            Tenant.CustomerId);
    }

    private TenantCommandResult NotFound() =>
        TenantCommandResult.Refused(TenantCommandOutcome.NotFound, $"tenant {TenantId} is not onboarded");

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} onboarded with {Sources} source(s): {State}")]
    private static partial void LogOnboarded(ILogger logger, string tenantId, TenantHealthState state, int sources);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId}: the stored credential could not be re-encrypted: {Reason}")]
    private static partial void LogUndecryptable(ILogger logger, string tenantId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} offboarded (events purged: {Purged})")]
    private static partial void LogOffboarded(ILogger logger, string tenantId, bool purged);
}
