using Polly;
using Polly.Retry;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Grains.Budget;
using TenantAuditGrid.Graph.Clients;
using TenantAuditGrid.Graph.Health;

namespace TenantAuditGrid.Grains.Sync;

/// <summary>
/// How a sync grain sends a request to Graph. Report requests wait for a throttle-budget permit before every attempt and tell the
/// scheduler about every 429 (so the retry waits for Retry-After there, not here); other requests are spaced per tenant instead.
/// Retries are Polly's, on the product clock: 429s, 5xx and network failures with exponential back-off and jitter, and one retry
/// with a fresh client after Graph rejected a token.
/// </summary>
internal sealed class GraphCalls
{
    private readonly string tenantId;
    private readonly string sourceName;
    private readonly Func<TenantGraphClient> client;
    private readonly TenantGraphClientFactory factory;
    private readonly GraphBudgetScheduler budget;
    private readonly SyncMetrics metrics;
    private readonly SourceSyncState state;
    private readonly SyncOptions options;
    private readonly TimeProvider clock;
    private readonly ResiliencePipeline reportPipeline;
    private readonly ResiliencePipeline unmeteredPipeline;
    private DateTimeOffset lastUnmeteredAt = DateTimeOffset.MinValue;

    public GraphCalls(
        string tenantId, AuditSource source, Func<TenantGraphClient> client, TenantGraphClientFactory factory, GraphBudgetScheduler budget,
        SyncMetrics metrics, SourceSyncState state, SyncOptions options, TimeProvider clock)
    {
        this.tenantId = tenantId;
        sourceName = Abstractions.Sync.SourceSyncKey.NameOf(source);
        this.client = client;
        this.factory = factory;
        this.budget = budget;
        this.metrics = metrics;
        this.state = state;
        this.options = options;
        this.clock = clock;
        reportPipeline = Build(waitOutThrottling: false);
        unmeteredPipeline = Build(waitOutThrottling: true);
    }

    /// <summary>A directoryAudits request: waits for a budget permit (freshness or backfill) before each attempt.</summary>
    public Task<T> ReportAsync<T>(
        RequestPriority priority, DateTimeOffset completeUpTo, Func<TenantGraphClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        OnGrainContextAsync(
            reportPipeline,
            async token =>
            {
                var current = client();
                await WarmTokenAsync(current, token);
                var waitStarted = clock.GetTimestamp();
                await budget.WaitForPermitAsync(current.ClientId, tenantId, priority, completeUpTo, token);
                metrics.BudgetWaited(priority.ToString(), clock.GetElapsedTime(waitStarted));
                return await SendAsync(current, call, priority.ToString(), reportFamily: true, token);
            },
            cancellationToken);

    /// <summary>
    /// Graph counts a request when it arrives. A tenant's first request would otherwise fetch its token after taking the permit, and
    /// arrive a token round trip late, close enough to the tenant's sixth request ten seconds later for Graph to answer 429. With the
    /// token cached first, the permit-to-arrival delay is one HTTP send. A failure here is left for the real request to classify.
    /// </summary>
    private static async Task WarmTokenAsync(TenantGraphClient current, CancellationToken cancellationToken)
    {
        try
        {
            await current.GetTokenAsync(cancellationToken);
        }
        catch (Azure.Identity.AuthenticationFailedException)
        {
        }
        catch (Azure.RequestFailedException)
        {
        }
    }

    /// <summary>A request outside the reports throttle family (securityActions): spends no permit, spaced per tenant instead.</summary>
    public Task<T> UnmeteredAsync<T>(Func<TenantGraphClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        OnGrainContextAsync(
            unmeteredPipeline,
            async token =>
            {
                var due = lastUnmeteredAt + options.SecurityActionsRequestSpacing - clock.GetUtcNow();
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, clock, token);
                }

                lastUnmeteredAt = clock.GetUtcNow();
                return await SendAsync(client(), call, "unmetered", reportFamily: false, token);
            },
            cancellationToken);

    /// <summary>
    /// Polly continues on the thread pool unless told otherwise, and a retry would then run the callback (which reads grain state)
    /// off the activation's scheduler: Orleans refuses that ("activation access violation"). So every attempt resumes on the
    /// captured context, the grain's own scheduler.
    /// </summary>
    private static async Task<T> OnGrainContextAsync<T>(
        ResiliencePipeline pipeline, Func<CancellationToken, Task<T>> callback, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true, cancellationToken: cancellationToken);
        try
        {
            return await pipeline.ExecuteAsync(
                static async (resilience, attempt) => await attempt(resilience.CancellationToken),
                context,
                callback);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<T> SendAsync<T>(
        TenantGraphClient current, Func<TenantGraphClient, CancellationToken, Task<T>> call, string priority, bool reportFamily, CancellationToken token)
    {
        state.Counters = state.Counters with { Requests = state.Counters.Requests + 1 };
        metrics.Request(sourceName, priority);
        try
        {
            return await call(current, token);
        }
        catch (GraphAccessException e)
        {
            switch (e.Failure.Kind)
            {
                case GraphFailureKind.Throttled:
                    state.Counters = state.Counters with { Throttled = state.Counters.Throttled + 1 };
                    metrics.Throttled(sourceName);
                    if (reportFamily)
                    {
                        await budget.ReportThrottledAsync(current.ClientId, tenantId, e.Failure.RetryAfter ?? options.RetryBaseDelay * 2);
                    }

                    break;
                case GraphFailureKind.ServerError or GraphFailureKind.Network:
                    state.Counters = state.Counters with { ServerErrors = state.Counters.ServerErrors + 1 };
                    break;
                case GraphFailureKind.TokenRejected:
                    // The credential's cache still thought the token good; a new client brings a new credential and so a new token.
                    factory.Invalidate(tenantId);
                    break;
            }

            throw;
        }
    }

    private ResiliencePipeline Build(bool waitOutThrottling) =>
        new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(Math.Max(options.ThrottledRetries, options.ServerErrorRetries), 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxFailureBackoff,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is GraphAccessException e && args.AttemptNumber < RetriesFor(e.Failure.Kind)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is GraphAccessException { Failure: var failure } ? DelayFor(failure, waitOutThrottling) : null),
            })
            .Build();

    private int RetriesFor(GraphFailureKind kind) => kind switch
    {
        GraphFailureKind.Throttled => options.ThrottledRetries,
        GraphFailureKind.ServerError or GraphFailureKind.Network => options.ServerErrorRetries,
        GraphFailureKind.TokenRejected => 1,
        _ => 0,
    };

    // Null means Polly's exponential back-off with jitter. A throttled report request retries at once because the budget scheduler,
    // told about the 429, holds the next permit until Retry-After has passed; a throttled unmetered request waits here.
    private static TimeSpan? DelayFor(GraphAccessFailure failure, bool waitOutThrottling) => failure.Kind switch
    {
        GraphFailureKind.Throttled when !waitOutThrottling => TimeSpan.Zero,
        GraphFailureKind.Throttled when failure.RetryAfter is { } retryAfter => retryAfter,
        GraphFailureKind.TokenRejected => TimeSpan.Zero,
        _ => null,
    };
}
