using Microsoft.AspNetCore.Http;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// What every Graph call passes before its handler runs, in Graph's order: added latency, bearer token (401), permissions
/// (403), the reports throttle (429), then injected faults: throttling (429) and server errors (500/503/504).
/// </summary>
internal sealed class GraphGate(AccessTokenValidator validator, ReportsThrottle throttle, EmulatorRuntime runtime)
{
    public async Task<GateOutcome> AdmitAsync(HttpContext http, bool reportsFamily, Func<Caller, GraphError?> authorize)
    {
        var faults = runtime.Faults;
        if (faults.AddedLatency > TimeSpan.Zero)
        {
            await Task.Delay(faults.AddedLatency, runtime.Options.WallClock, http.RequestAborted).ConfigureAwait(false);
        }

        var now = runtime.Clock.GetUtcNow();
        var validation = await validator.ValidateAsync(http.Request.Headers.Authorization.ToString()).ConfigureAwait(false);
        if (validation.Caller is not { } caller)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"";
            return new GateOutcome(null, GraphErrors.Result(http, now, 401, "InvalidAuthenticationToken", validation.Failure!));
        }

        if (authorize(caller) is { } denied)
        {
            return new GateOutcome(null, GraphErrors.Result(http, now, denied.Status, denied.Code, denied.Message));
        }

        if (reportsFamily && throttle.TryAcquire(caller.ClientId, caller.TenantId) is { } wait)
        {
            return new GateOutcome(null, Throttled(http, now, wait));
        }

        if (faults.ThrottledRate > 0 && runtime.NextFaultDraw() < faults.ThrottledRate)
        {
            return new GateOutcome(null, Throttled(http, now, TimeSpan.FromSeconds(1 + (int)(runtime.NextFaultDraw() * 4))));
        }

        if (faults.ServerErrorRate > 0 && runtime.NextFaultDraw() < faults.ServerErrorRate)
        {
            var pick = runtime.NextFaultDraw();
            var (status, code, message) = pick switch
            {
                < 1.0 / 3 => (500, "UnknownError", "An internal server error occurred."),
                < 2.0 / 3 => (503, "ServiceNotAvailable", "The service is temporarily unavailable. Please retry."),
                _ => (504, "GatewayTimeout", "The request timed out."),
            };
            return new GateOutcome(null, GraphErrors.Result(http, now, status, code, message));
        }

        return new GateOutcome(caller, null);
    }

    private static IResult Throttled(HttpContext http, DateTimeOffset now, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return GraphErrors.Result(http, now, 429, "TooManyRequests", "Too many requests. Please retry after the time given in the Retry-After header.", "429");
    }
}

internal sealed record GateOutcome(Caller? Caller, IResult? Failure);
