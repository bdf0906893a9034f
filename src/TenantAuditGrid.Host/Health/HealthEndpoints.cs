using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TenantAuditGrid.Host.Health;

/// <summary>
/// Kubernetes-style probes. Liveness is cheap and local: it never calls grains or storage, so a slow database cannot get a healthy silo restarted.
/// </summary>
public static class HealthEndpoints
{
    private const string StartupTag = "startup";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddHostHealth(this IServiceCollection services)
    {
        services.AddSingleton<HostLifecycleState>();
        services.AddHostedService<LifecycleStateTracker>();
        services.AddHealthChecks()
            .Add(new HealthCheckRegistration(
                "silo-started",
                sp => new DelegateHealthCheck(() => sp.GetRequiredService<HostLifecycleState>().Started, "silo started and schema applied", "starting"),
                failureStatus: HealthStatus.Unhealthy,
                tags: [StartupTag, ReadyTag]))
            .Add(new HealthCheckRegistration(
                "not-draining",
                sp => new DelegateHealthCheck(() => !sp.GetRequiredService<HostLifecycleState>().Draining, "serving", "draining for shutdown"),
                failureStatus: HealthStatus.Unhealthy,
                tags: [ReadyTag]));
        return services;
    }

    public static IEndpointRouteBuilder MapHostHealth(this IEndpointRouteBuilder endpoints)
    {
        // Kubernetes probes carry no credentials; the answers say only whether the silo is up.
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/startup", new HealthCheckOptions { Predicate = check => check.Tags.Contains(StartupTag) }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return endpoints;
    }

    private sealed class DelegateHealthCheck(Func<bool> isHealthy, string healthyText, string unhealthyText) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(isHealthy() ? HealthCheckResult.Healthy(healthyText) : HealthCheckResult.Unhealthy(unhealthyText));
    }
}
