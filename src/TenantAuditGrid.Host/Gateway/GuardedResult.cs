using System.Data.Common;
using TenantAuditGrid.Store.Query;

namespace TenantAuditGrid.Host.Gateway;

/// <summary>
/// Runs a gateway result and, while nothing has been sent yet, turns a failure into the surface's error shape instead of a bare 500:
/// a caller's mistake into 400, an unreachable database into 503. Once streaming has begun the connection is aborted instead,
/// so a truncated export never looks complete.
/// </summary>
internal sealed class GuardedResult(IResult inner, Func<int, string, string, IResult> error, ILogger logger) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        try
        {
            await inner.ExecuteAsync(httpContext);
        }
        catch (QueryValidationException ex) when (!httpContext.Response.HasStarted)
        {
            await error(StatusCodes.Status400BadRequest, "BadRequest", ex.Message).ExecuteAsync(httpContext);
        }
        catch (DbException ex) when (!httpContext.Response.HasStarted && !httpContext.RequestAborted.IsCancellationRequested)
        {
            GatewayLog.StoreUnavailable(logger, ex);
            await error(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "The audit store is unavailable; retry later.").ExecuteAsync(httpContext);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && httpContext.Response.HasStarted)
        {
            GatewayLog.StreamFailed(logger, ex);
            httpContext.Abort();
        }
    }
}
