using TenantAuditGrid.Store;

namespace TenantAuditGrid.Host.Hosting;

/// <summary>Applies the store schema once at start. It is idempotent and takes a lock, so silos starting together are safe.</summary>
internal sealed partial class StoreSchemaStartup(IStoreSchema schema, ILogger<StoreSchemaStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var result = await schema.ApplyAsync(cancellationToken);
        LogSchema(logger, result.ToVersion, result.FromVersion);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Store schema at version {ToVersion} (found at {FromVersion})")]
    private static partial void LogSchema(ILogger logger, int toVersion, int fromVersion);
}
