using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using TenantAuditGrid.Abstractions;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Grains.Budget;
using TenantAuditGrid.Graph.Clients;
using TenantAuditGrid.Graph.Health;
using TenantAuditGrid.Graph.Reading;
using TenantAuditGrid.Store;

namespace TenantAuditGrid.Grains.Sync;

/// <summary>
/// One tenant × source sync (key <c>"{tenantId}/{source}"</c>). A reminder brings it back after a silo loss or deactivation; a grain timer
/// drives the work: each tick does what is due on the product clock. The timer is not interleaved, so steps never overlap one another
/// or a start; status, stop and restart interleave so they answer at once even while a step waits for throttle permits.
/// </summary>
/// <remarks>
/// Placed at random: a sync lives as long as its tenant stays onboarded, and all syncs cost about the same, so an even spread is what
/// balances the silos. Orleans' default follows each silo's load at the moment of placement, and onboarding places hundreds at once
/// from load figures a second old: the silo that served the onboarding requests looked busy and got none of 100 in one run.
/// </remarks>
[RandomPlacement]
public sealed partial class SourceSyncGrain(
    [PersistentState(SourceSyncGrain.StateName)] IPersistentState<SourceSyncState> state,
    TenantGraphClientFactory clients,
    DirectoryAuditsReader auditsReader,
    SecurityActionsReader actionsReader,
    IAuditStore store,
    GraphBudgetScheduler budget,
    GraphFailureClassifier classifier,
    SyncMetrics metrics,
    IOptions<SyncOptions> options,
    [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider clock,
    SiloStopping silo,
    ILogger<SourceSyncGrain> logger) : Grain, ISourceSyncGrain, IRemindable
{
    /// <summary>The grain state's name in the default grain storage; rows are keyed by grain key (tenant and source) plus this name.</summary>
    public const string StateName = "source-sync";

    private const string ReminderName = "sync-keepalive";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private readonly SyncOptions settings = options.Value;
    private string tenantId = string.Empty;
    private AuditSource source;
    private IGrainTimer? timer;
    private ISourceSyncer? syncer;
    private CancellationTokenSource? stepCancellation;
    private Task currentStep = Task.CompletedTask;
    private bool stopping;

    private SourceSyncState Sync => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (tenantId, source) = SourceSyncKey.Parse(this.GetPrimaryKeyString());
        if (Sync.Running)
        {
            StartTimer();
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        stepCancellation?.Cancel();
        return Task.CompletedTask;
    }

    public async Task StartAsync(SyncStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.Validate();
        stopping = false;
        if (Sync.Credential is { } old && (old.GetType() != start.Credential.GetType() || old.Version != start.Credential.Version))
        {
            syncer = null; // a rotated credential: the next step builds its client from the new one
        }

        Sync.Running = true;
        Sync.Credential = start.Credential;
        Sync.Licence = start.Licence;
        Sync.HealthSinkId = start.HealthSink?.GetGrainId().ToString();
        Sync.StartedAt ??= clock.GetUtcNow();
        if (Sync.PausedBy is not null)
        {
            // The tenant grain starts a paused sync again once its probe says the source is readable.
            Sync.PausedBy = null;
            Sync.ConsecutiveFailures = 0;
            Sync.NotBefore = default;
            Sync.ReportedState = TenantHealthState.Healthy;
        }

        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
        StartTimer();
    }

    public async Task StopAsync()
    {
        stopping = true;
        stepCancellation?.Cancel();
        await currentStep;
        timer?.Dispose();
        timer = null;
        if (Sync.Running)
        {
            Sync.Running = false;
            await state.WriteStateAsync();
        }

        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        metrics.Forget(tenantId);
        DeactivateOnIdle();
    }

    public Task RestartAsync()
    {
        stepCancellation?.Cancel();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<SourceSyncStatus> GetStatusAsync() => Task.FromResult(SourceSyncStatusBuilder.Build(
        tenantId, source, Sync, syncer?.SettleWindow ?? DefaultSettle(), clock.GetUtcNow()));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The reminder exists only to bring the grain back; activation starts the timer when the sync is running.
        if (Sync.Running)
        {
            StartTimer();
        }

        return Task.CompletedTask;
    }

    private TimeSpan DefaultSettle() => source == AuditSource.DirectoryAudits
        ? SettleWindow.Current(Sync.LateArrivals, settings.MinSettleSamples, settings.MinSettleWindow, settings.MaxSettleWindow)
        : TimeSpan.Zero;

    private void StartTimer()
    {
        if (timer is not null)
        {
            return;
        }

        timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = settings.TickInterval,
            Interleave = false,
            KeepAlive = true,
        });

        // Once per activation: after a silo loss or a rolling restart this is the line that says where, and from what, the sync resumed.
        // It is Debug because a cluster places thousands of these at once; turn the category up to follow placement.
        LogRunning(logger, tenantId, source, RuntimeIdentity, Sync.SettledUpTo);
    }

    private async Task TickAsync(CancellationToken timerCancellation)
    {
        if (silo.IsStopping || stopping || !Sync.Running || Sync.PausedBy is not null || Sync.Credential is null || clock.GetUtcNow() < Sync.NotBefore)
        {
            return;
        }

        // Orleans cancels the timer's token only after the tick has returned, when the grain is already deactivating; a step waiting
        // for permits would hold that deactivation up to the shutdown timeout. The silo's stop cancels it first.
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(timerCancellation, silo.Token);
        stepCancellation = cancellation;
        try
        {
            currentStep = StepAsync(cancellation.Token);
            await currentStep;
        }
        finally
        {
            stepCancellation = null;
        }
    }

    private async Task StepAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Syncer().StepAsync(PersistAsync, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || silo.IsStopping)
        {
            // Stopped, restarted, deactivating or the silo leaving: whatever was not persisted is read again by the next activation.
            // (The scheduler may cancel a permit wait for the silo's stop a moment before the linked token above turns.)
        }
        catch (Exception e) when (classifier.TryClassify(e, source, out var failure))
        {
            await FailedAsync(failure);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The store or something of ours failed. The step is retried with back-off like a transient Graph failure.
            logger.LogError(e, "Sync step of {Tenant}/{Source} failed", tenantId, source);
            await FailedAsync(new GraphAccessFailure(GraphFailureKind.ServerError, null, e.GetType().Name, null, null, []));
        }
    }

    private ISourceSyncer Syncer()
    {
        if (syncer is not null)
        {
            return syncer;
        }

        var calls = new GraphCalls(tenantId, source, () => clients.GetClient(tenantId, Sync.Credential!), clients, budget, metrics, Sync, settings, clock);
        syncer = source == AuditSource.DirectoryAudits
            ? new DirectoryAuditsSyncer(tenantId, Sync, calls, auditsReader, store, settings, clock, metrics, logger)
            : new SecurityActionsSyncer(tenantId, Sync, calls, actionsReader, store, settings, clock, metrics, logger);
        return syncer;
    }

    /// <summary>Called by the syncers once a poll or slice is in the store: the moment progress becomes durable.</summary>
    private async Task PersistAsync()
    {
        Sync.LastSuccessAt = clock.GetUtcNow();
        Sync.ConsecutiveFailures = 0;
        Sync.NotBefore = default;
        if (Sync.ReportedState != TenantHealthState.Healthy)
        {
            await NotifyAsync(Health(TenantHealthState.Healthy, "ok", []));
        }

        await state.WriteStateAsync();
    }

    private async Task FailedAsync(GraphAccessFailure failure)
    {
        var now = clock.GetUtcNow();
        var failures = Sync.ConsecutiveFailures + 1;
        Sync.LastError = new SyncError(now, failure.ErrorCode, failure.Kind.ToString(), failures);
        logger.LogWarning("Sync of {Tenant}/{Source} failed: {Kind} {Code} ({Failures} in a row)", tenantId, source, failure.Kind, failure.ErrorCode, failures);
        if (IsRefusal(failure))
        {
            // Graph will answer the same until someone acts: stop calling it and tell the tenant grain, which restarts us after a good probe.
            Sync.PausedBy = Health(failure.HealthState ?? TenantHealthState.PermissionMissing, failure.ErrorCode, failure.MissingPermissions);
            await NotifyAsync(Sync.PausedBy);
        }
        else
        {
            Sync.ConsecutiveFailures = failures;
            var backoff = settings.RetryBaseDelay * Math.Pow(2, Math.Min(failures, 16));
            Sync.NotBefore = now + (backoff < settings.MaxFailureBackoff ? backoff : settings.MaxFailureBackoff);
            if (failures >= settings.FailuresBeforeUnreachable && Sync.ReportedState == TenantHealthState.Healthy)
            {
                await NotifyAsync(Health(failure.HealthState ?? TenantHealthState.Unreachable, failure.ErrorCode, failure.MissingPermissions));
            }
        }

        await state.WriteStateAsync();
    }

    private bool IsRefusal(GraphAccessFailure failure) => failure.Kind switch
    {
        GraphFailureKind.Forbidden or GraphFailureKind.TokenRefused or GraphFailureKind.CredentialUnusable => true,
        GraphFailureKind.NotFound => source == AuditSource.SecurityActions, // beta securityActions exist only in the global cloud
        _ => false,
    };

    private SourceHealth Health(TenantHealthState healthState, string code, IReadOnlyList<string> missingPermissions)
    {
        var now = clock.GetUtcNow();
        var clientId = Sync.Credential is null ? null : TryClientId();
        return new SourceHealth(
            source, healthState, now, now, healthState == TenantHealthState.Healthy ? null : code,
            RemediationTexts.For(healthState, clientId, missingPermissions), missingPermissions, null);
    }

    private string? TryClientId()
    {
        try
        {
            return clients.GetClient(tenantId, Sync.Credential!).ClientId;
        }
        catch (Exception e) when (classifier.TryClassify(e, source, out _))
        {
            return null;
        }
    }

    private async Task NotifyAsync(SourceHealth health)
    {
        Sync.ReportedState = health.State;
        if (Sync.HealthSinkId is not { } sinkId)
        {
            return;
        }

        try
        {
            var sink = GrainFactory.GetGrain(GrainId.Parse(sinkId)).AsReference<ISyncHealthSink>();
            await sink.SourceHealthChangedAsync(tenantId, health);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Health is also in the status; a sink that cannot be reached must not stop the sync.
            logger.LogWarning(e, "Could not report {Tenant}/{Source} health {State} to the tenant grain", tenantId, source, health.State);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sync {Tenant}/{Source} running on silo {Silo}, settled up to {SettledUpTo:O}")]
    private static partial void LogRunning(ILogger logger, string tenant, AuditSource source, string silo, DateTimeOffset? settledUpTo);
}
