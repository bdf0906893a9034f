namespace TenantAuditGrid.Host.Gateway;

internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "The audit store could not answer a gateway query")]
    public static partial void StoreUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "A gateway response failed after streaming had begun; the connection was aborted")]
    public static partial void StreamFailed(ILogger logger, Exception exception);
}
