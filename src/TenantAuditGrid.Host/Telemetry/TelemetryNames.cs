namespace TenantAuditGrid.Host.Telemetry;

/// <summary>
/// The names the product reports telemetry under. Other assemblies (grains, store) create their own
/// <c>Meter</c>/<c>ActivitySource</c> with these exact strings; only names registered here are exported.
/// </summary>
public static class TelemetryNames
{
    /// <summary>The OpenTelemetry <c>service.name</c> of every process, silo or gateway alike.</summary>
    public const string ServiceName = "TenantAuditGrid";

    /// <summary>The meter of the product's own metrics (sync lag, events ingested, throttle budget, ...).</summary>
    public const string Meter = "TenantAuditGrid";

    /// <summary>The activity source of the product's own spans.</summary>
    public const string ActivitySource = "TenantAuditGrid";

    /// <summary>
    /// The meter every Orleans 10 instrument is created on (Orleans.Core has no public constant for it).
    /// </summary>
    public const string OrleansMeter = "Microsoft.Orleans";
}
