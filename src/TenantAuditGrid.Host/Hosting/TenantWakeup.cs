using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Store;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Hosting;

/// <summary>
/// Embedded mode keeps reminders in memory, so after a restart nothing would wake the tenant grains and their syncs. Once the silo is up
/// this activates every tenant listed in the status store; each tenant grain then re-registers its reminder and restarts its syncs.
/// Cluster mode needs none of it: its reminders live in PostgreSQL.
/// </summary>
internal sealed partial class TenantWakeup(
    ITenantStatusStore statuses, IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<TenantWakeup> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => lifetime.RunUntilStoppingAsync(stoppingToken, WakeAsync);

    private async Task WakeAsync(CancellationToken stoppingToken)
    {
        var woken = 0;
        string? after = null;
        do
        {
            var page = await statuses.ListAsync(new TenantStatusQuery { Scope = TenantScope.AllTenants, AfterTenantId = after, Limit = TenantStatusQuery.MaxLimit }, stoppingToken);
            await Parallel.ForEachAsync(
                page.Items,
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stoppingToken },
                async (status, _) => await grains.GetGrain<ITenantGrain>(status.TenantId).GetAsync());
            woken += page.Items.Count;
            after = page.NextAfterTenantId;
        }
        while (after is not null);

        // A first start has nothing to resume, and saying so would only add a line.
        if (woken > 0)
        {
            LogWoken(logger, woken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resumed {Count} tenant(s) kept from the previous run")]
    private static partial void LogWoken(ILogger logger, int count);
}
