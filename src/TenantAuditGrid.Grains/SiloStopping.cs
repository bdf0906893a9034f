namespace TenantAuditGrid.Grains;

/// <summary>
/// Cancels <see cref="Token"/> the moment this silo begins to stop, before it leaves membership and deactivates its grains. Orleans
/// deactivates a grain only once its current call or timer tick has returned, and cancels a tick's own token only after that, so work
/// that waits (a sync step waiting for throttle permits, the budget pump) watches this token instead. Otherwise a graceful stop waits
/// for it until the shutdown timeout, and every grain call it makes meanwhile is refused by the leaving silo and logged as an error.
/// </summary>
public sealed class SiloStopping : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource stopping;

    public SiloStopping()
    {
        stopping = new CancellationTokenSource();
        Token = stopping.Token; // kept, so that work still draining after the container disposes this can read it
    }

    public CancellationToken Token { get; }

    public bool IsStopping => Token.IsCancellationRequested;

    // The Active stage is the last to start and the first to stop: grains still answer while this runs.
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloStopping), ServiceLifecycleStage.Active, _ => Task.CompletedTask, StopAsync);

    public void Dispose() => stopping.Dispose();

    private Task StopAsync(CancellationToken cancellationToken)
    {
        stopping.Cancel();
        return Task.CompletedTask;
    }
}
