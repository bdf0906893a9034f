using System.Diagnostics;

namespace TenantAuditGrid.Host.Telemetry;

/// <summary>
/// Keeps the URL of token requests out of traces entirely. The HttpClient instrumentation already replaces every
/// query value with "Redacted"; token endpoints are the one place where a misconfigured client could put a secret
/// or an assertion into the query, so for them not even the parameter names are kept.
/// </summary>
public static class OutgoingRequestRedaction
{
    /// <summary>The OpenTelemetry attribute that carries the full outgoing URL.</summary>
    public const string UrlFullTag = "url.full";

    /// <summary>Passed to <c>HttpClientTraceInstrumentationOptions.EnrichWithHttpRequestMessage</c>.</summary>
    public static void Enrich(Activity activity, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { IsAbsoluteUri: true } uri && IsTokenEndpoint(uri))
        {
            activity.SetTag(UrlFullTag, uri.GetLeftPart(UriPartial.Path));
        }
    }

    /// <summary>
    /// True for Entra's token endpoints (<c>/{tenant}/oauth2/v2.0/token</c>, <c>/{tenant}/oauth2/token</c>)
    /// on any authority host, the emulator's included.
    /// </summary>
    public static bool IsTokenEndpoint(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var path = uri.AbsolutePath;
        return path.Contains("/oauth2/", StringComparison.OrdinalIgnoreCase)
            && path.EndsWith("/token", StringComparison.OrdinalIgnoreCase);
    }
}
