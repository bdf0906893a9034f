namespace TenantAuditGrid.Host.Health;

/// <summary>Moves <see cref="HostLifecycleState"/> with the host's own lifetime events.</summary>
internal sealed class LifecycleStateTracker(IHostApplicationLifetime lifetime, HostLifecycleState state) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(state.MarkStarted);
        lifetime.ApplicationStopping.Register(state.MarkDraining);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
