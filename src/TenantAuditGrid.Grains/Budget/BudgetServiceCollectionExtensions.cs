using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TenantAuditGrid.Grains.Budget;

public static class BudgetServiceCollectionExtensions
{
    /// <summary>The silo-local scheduler and its limits; the budget grain itself is found by Orleans.</summary>
    public static IServiceCollection AddGraphBudget(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GraphBudgetOptions>().Bind(configuration.GetSection(GraphBudgetOptions.SectionName))
            .Validate(o => o.AppRequestsPerWindow > 0 && o.TenantRequestsPerWindow > 0, "request limits must be positive")
            .Validate(o => o.Window > TimeSpan.Zero && o.Segment > TimeSpan.Zero && o.Segment <= o.Window, "0 < Segment <= Window")
            .Validate(o => o.LeaseLifetime > TimeSpan.Zero, "LeaseLifetime must be positive")
            .ValidateOnStart();
        services.AddSingleton<GraphBudgetScheduler>();
        return services;
    }
}
