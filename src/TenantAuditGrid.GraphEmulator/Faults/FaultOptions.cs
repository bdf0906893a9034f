namespace TenantAuditGrid.GraphEmulator;

/// <summary>Injected failures on the Graph surface. Settable at start and at run time through the control API.</summary>
public sealed record FaultOptions
{
    /// <summary>Share of Graph requests (0–1) answered with 500, 503 or 504 instead of a result.</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>Added wall-clock delay before every Graph response.</summary>
    public TimeSpan AddedLatency { get; init; }

    /// <summary>Share of requests carrying a valid <c>$skiptoken</c> (0–1) that are still refused as invalid, as Graph sometimes does.</summary>
    public double InvalidSkipTokenRate { get; init; }

    /// <summary>
    /// Share of Graph requests (0–1), of any API, answered 429 <c>TooManyRequests</c> with a Retry-After of 1–4 emulated seconds, on
    /// top of the reports throttle's own windows: stands in for throttling whose limits Graph does not publish (securityActions) or
    /// for other apps' traffic.
    /// </summary>
    public double ThrottledRate { get; init; }

    internal void Validate()
    {
        EmulatorOptions.Require(ServerErrorRate is >= 0 and <= 1, "Faults.ServerErrorRate must be between 0 and 1.");
        EmulatorOptions.Require(InvalidSkipTokenRate is >= 0 and <= 1, "Faults.InvalidSkipTokenRate must be between 0 and 1.");
        EmulatorOptions.Require(ThrottledRate is >= 0 and <= 1, "Faults.ThrottledRate must be between 0 and 1.");
        EmulatorOptions.Require(AddedLatency >= TimeSpan.Zero && AddedLatency <= TimeSpan.FromMinutes(5), "Faults.AddedLatency must be between 0 and 5 minutes.");
    }
}
