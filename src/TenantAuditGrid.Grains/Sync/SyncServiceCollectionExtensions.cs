using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TenantAuditGrid.Grains.Sync;

public static class SyncServiceCollectionExtensions
{
    // Polly's retry strategy refuses a delay outside [0, 1 day] when the pipeline is built, which would fail every sync step.
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromDays(1);

    /// <summary>
    /// What the sync grains need besides Graph access (<c>AddTenantGraphAccess</c>), the throttle budget (<c>AddGraphBudget</c>), an
    /// <c>IAuditStore</c>, the keyed product clock, default grain storage and a reminder service: their options and metrics.
    /// Each failure message names the full configuration key, because the Host prints it as the one line an operator reads.
    /// </summary>
    public static IServiceCollection AddSourceSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.SectionName))
            .Validate(o => o.TickInterval > TimeSpan.Zero, Key(nameof(SyncOptions.TickInterval)) + " must be positive")
            .Validate(o => o.MaxTickWork > TimeSpan.Zero, Key(nameof(SyncOptions.MaxTickWork)) + " must be positive")
            .Validate(o => o.PollInterval > TimeSpan.Zero, Key(nameof(SyncOptions.PollInterval)) + " must be positive")
            .Validate(o => o.BackfillPollInterval >= TimeSpan.Zero, Key(nameof(SyncOptions.BackfillPollInterval)) + " must not be negative")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, Key(nameof(SyncOptions.SweepInterval)) + " must be positive")
            .Validate(o => o.MinSettleWindow >= TimeSpan.Zero, Key(nameof(SyncOptions.MinSettleWindow)) + " must not be negative")
            .Validate(o => o.MinSettleWindow <= o.MaxSettleWindow, Key(nameof(SyncOptions.MaxSettleWindow)) + " must not be less than MinSettleWindow")
            .Validate(o => o.MinSettleSamples >= 0, Key(nameof(SyncOptions.MinSettleSamples)) + " must not be negative")
            .Validate(o => o.PageSize is >= 1 and <= Graph.Reading.AuditWindowQuery.MaxTop,
                Key(nameof(SyncOptions.PageSize)) + $" must be between 1 and {Graph.Reading.AuditWindowQuery.MaxTop}")
            .Validate(o => o.MinSliceWidth > TimeSpan.Zero, Key(nameof(SyncOptions.MinSliceWidth)) + " must be positive")
            .Validate(o => o.MinSliceWidth <= o.InitialSliceWidth && o.InitialSliceWidth <= o.MaxSliceWidth,
                Key(nameof(SyncOptions.InitialSliceWidth)) + " must lie between MinSliceWidth and MaxSliceWidth")
            .Validate(o => o.ServerErrorRetries >= 0, Key(nameof(SyncOptions.ServerErrorRetries)) + " must not be negative")
            .Validate(o => o.ThrottledRetries >= 0, Key(nameof(SyncOptions.ThrottledRetries)) + " must not be negative")
            .Validate(o => o.SliceRestarts >= 0, Key(nameof(SyncOptions.SliceRestarts)) + " must not be negative")
            .Validate(o => o.RetryBaseDelay >= TimeSpan.Zero && o.RetryBaseDelay <= LongestRetryDelay,
                Key(nameof(SyncOptions.RetryBaseDelay)) + " must be between 00:00:00 and 1.00:00:00")
            .Validate(o => o.MaxFailureBackoff > TimeSpan.Zero && o.MaxFailureBackoff <= LongestRetryDelay,
                Key(nameof(SyncOptions.MaxFailureBackoff)) + " must be positive and at most 1.00:00:00")
            .Validate(o => o.FailuresBeforeUnreachable >= 1, Key(nameof(SyncOptions.FailuresBeforeUnreachable)) + " must be at least 1")
            .Validate(o => o.SecurityActionsListInterval > TimeSpan.Zero, Key(nameof(SyncOptions.SecurityActionsListInterval)) + " must be positive")
            .Validate(o => o.SecurityActionRepollInterval > TimeSpan.Zero, Key(nameof(SyncOptions.SecurityActionRepollInterval)) + " must be positive")
            .Validate(o => o.SecurityActionsRequestSpacing >= TimeSpan.Zero, Key(nameof(SyncOptions.SecurityActionsRequestSpacing)) + " must not be negative")
            .Validate(o => o.MaxActionRepollsPerTick >= 0, Key(nameof(SyncOptions.MaxActionRepollsPerTick)) + " must not be negative")
            .ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<SyncMetrics>();
        return services;
    }

    private static string Key(string option) => $"{SyncOptions.SectionName}:{option}";
}
