using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;
using TenantAuditGrid.Abstractions;

namespace TenantAuditGrid.Host.Hosting;

/// <summary>
/// A grain call that times out, a silo that is shutting down or gone, or a database error its driver calls transient (a grain
/// reading its state while PostgreSQL is saturated, during a failover for instance) is a temporary condition of the cluster, not a
/// bug: the API answers 503 with Retry-After so clients and load balancers retry, instead of the 500 every other unhandled exception
/// gets. The cause may arrive wrapped (Orleans wraps storage failures), so the whole chain of inner exceptions is looked at.
/// </summary>
public sealed partial class ClusterBusyExceptionHandler(IProblemDetailsService problemDetails, ILogger<ClusterBusyExceptionHandler> logger)
    : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (TemporaryCause(exception) is not { } cause)
        {
            return false;
        }

        LogClusterBusy(logger, httpContext.Request.Path, cause.GetType().Name);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The cluster is busy or a silo is changing",
                Detail = $"The request could not be completed in time; retry after {RetryAfterSeconds} s.",
            },
        });
    }

    private static Exception? TemporaryCause(Exception exception) => ExceptionCauses.Of(exception).FirstOrDefault(cause =>
        cause is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or System.Data.Common.DbException { IsTransient: true });

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} answered 503: {ExceptionType} from the cluster")]
    private static partial void LogClusterBusy(ILogger logger, PathString path, string exceptionType);
}
