namespace TenantAuditGrid.Host.Hosting;

public static class LifetimeExtensions
{
    /// <summary>
    /// Completes once every hosted service has started, the silo included. Background work that calls grains waits for this, because
    /// a BackgroundService's ExecuteAsync begins before the services registered after it (the silo) have started.
    /// </summary>
    public static async Task WaitForApplicationStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Runs a BackgroundService's grain work once the application has started, and cancels it as soon as the host begins to stop
    /// (<see cref="IHostApplicationLifetime.ApplicationStopping"/>), not only when the service's own turn to stop comes. Such a service
    /// is registered after the silo, so that its stop, which waits for the work to return, comes before the silo's.
    /// </summary>
    public static async Task RunUntilStoppingAsync(
        this IHostApplicationLifetime lifetime, CancellationToken stoppingToken, Func<CancellationToken, Task> work)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        try
        {
            await lifetime.WaitForApplicationStartedAsync(stopping.Token);
            await work(stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Whatever was left undone is picked up on the next start (tenants kept in the store, demo tenants not yet onboarded).
        }
    }
}
