using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;

namespace TenantAuditGrid.Host.Hosting;

/// <summary>
/// A grain call that times out, or a silo that is shutting down or gone, is a temporary condition of the cluster, not a bug: the API
/// answers 503 with Retry-After so clients and load balancers retry, instead of the 500 every other unhandled exception gets.
/// </summary>
public sealed partial class ClusterBusyExceptionHandler(IProblemDetailsService problemDetails, ILogger<ClusterBusyExceptionHandler> logger)
    : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (TimeoutException or SiloUnavailableException or OrleansMessageRejectionException))
        {
            return false;
        }

        LogClusterBusy(logger, httpContext.Request.Path, exception.GetType().Name);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} answered 503: {ExceptionType} from the cluster")]
    private static partial void LogClusterBusy(ILogger logger, PathString path, string exceptionType);
}
