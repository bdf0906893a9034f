using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TenantAuditGrid.Grains.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// What the sync grains need besides Graph access (<c>AddTenantGraphAccess</c>), the throttle budget (<c>AddGraphBudget</c>), an
    /// <c>IAuditStore</c>, the keyed product clock, default grain storage and a reminder service: their options and metrics.
    /// </summary>
    public static IServiceCollection AddSourceSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.SectionName))
            .Validate(o => o.TickInterval > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero, "TickInterval and PollInterval must be positive")
            .Validate(o => o.BackfillPollInterval >= TimeSpan.Zero, "BackfillPollInterval must not be negative")
            .Validate(o => o.MinSettleWindow >= TimeSpan.Zero && o.MinSettleWindow <= o.MaxSettleWindow, "0 <= MinSettleWindow <= MaxSettleWindow")
            .Validate(o => o.MinSliceWidth > TimeSpan.Zero && o.MinSliceWidth <= o.InitialSliceWidth && o.InitialSliceWidth <= o.MaxSliceWidth,
                "0 < MinSliceWidth <= InitialSliceWidth <= MaxSliceWidth")
            .Validate(o => o.ServerErrorRetries >= 0 && o.ThrottledRetries >= 0 && o.SliceRestarts >= 0, "retry counts must not be negative")
            .Validate(o => o.PageSize is >= 1 and <= Graph.Reading.AuditWindowQuery.MaxTop, "PageSize must be between 1 and 999")
            .ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<SyncMetrics>();
        return services;
    }
}
