using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TenantAuditGrid.Grains.Budget;

public static class BudgetServiceCollectionExtensions
{
    /// <summary>
    /// The silo-local scheduler and its limits, and <see cref="SiloStopping"/>, which ends its waits when the silo stops; the budget grain
    /// itself is found by Orleans.
    /// </summary>
    public static IServiceCollection AddGraphBudget(this IServiceCollection services, IConfiguration configuration)
    {
        // Each failure message names the full configuration key: the Host prints it as the one line an operator reads.
        services.AddOptions<GraphBudgetOptions>().Bind(configuration.GetSection(GraphBudgetOptions.SectionName))
            .Validate(o => o.AppRequestsPerWindow > 0, Key(nameof(GraphBudgetOptions.AppRequestsPerWindow)) + " must be positive")
            .Validate(o => o.TenantRequestsPerWindow > 0, Key(nameof(GraphBudgetOptions.TenantRequestsPerWindow)) + " must be positive")
            .Validate(o => o.Window > TimeSpan.Zero, Key(nameof(GraphBudgetOptions.Window)) + " must be positive")
            .Validate(o => o.Segment > TimeSpan.Zero && o.Segment <= o.Window,
                Key(nameof(GraphBudgetOptions.Segment)) + " must be positive and no longer than Window")
            .Validate(o => o.LeaseLifetime > TimeSpan.Zero, Key(nameof(GraphBudgetOptions.LeaseLifetime)) + " must be positive")
            .ValidateOnStart();
        services.TryAddSingleton<SiloStopping>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, SiloStopping>(
            sp => sp.GetRequiredService<SiloStopping>()));
        services.AddMetrics();
        services.AddSingleton<BudgetMetrics>();
        services.AddSingleton<GraphBudgetScheduler>();
        return services;
    }

    private static string Key(string option) => $"{GraphBudgetOptions.SectionName}:{option}";
}
