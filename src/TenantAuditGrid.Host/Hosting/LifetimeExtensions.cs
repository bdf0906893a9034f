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
}
