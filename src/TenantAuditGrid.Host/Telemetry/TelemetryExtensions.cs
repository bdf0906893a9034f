using Microsoft.AspNetCore.Http;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace TenantAuditGrid.Host.Telemetry;

/// <summary>
/// The one place that decides what TenantAuditGrid traces and measures, and where it goes.
/// </summary>
/// <remarks>
/// What never reaches a span, by construction rather than by hoping:
/// <list type="bullet">
/// <item>Request and response bodies: no instrumentation here records bodies, and no enrichment callback reads one.
/// Token requests carry the client secret or assertion in the form body, so that matters most there.</item>
/// <item>Headers: neither the ASP.NET Core nor the HttpClient instrumentation records headers unless asked, and
/// nothing here asks, so <c>Authorization</c> (bearer tokens to Graph, operators' tokens to the gateway) stays out.</item>
/// <item>Query strings: both instrumentations replace every query value with "Redacted" by default (the
/// <c>OTEL_DOTNET_EXPERIMENTAL_*_DISABLE_URL_QUERY_REDACTION</c> switches must stay unset), and token endpoint
/// URLs lose their query entirely (<see cref="OutgoingRequestRedaction"/>).</item>
/// <item>SQL parameters: Npgsql traces the parameterised command text only; parameter values would need
/// <c>EnableParameterLogging</c>, which the product never calls. Its data-source name omits the password.</item>
/// <item>Exceptions: <c>RecordException</c> stays off, so exception messages are not copied into span events.</item>
/// </list>
/// </remarks>
public static class TelemetryExtensions
{
    /// <summary>The standard OpenTelemetry variable; the OTLP exporter is switched on only when it is set.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private static readonly string[] OrleansActivitySources =
    [
        ActivitySources.ApplicationGrainActivitySourceName,
        ActivitySources.RuntimeActivitySourceName,
        ActivitySources.LifecycleActivitySourceName,
        ActivitySources.StorageActivitySourceName,
    ];

    /// <summary>
    /// Registers tracing (ASP.NET Core, outgoing HTTP to Graph and the token endpoint, Npgsql, Orleans) and metrics
    /// (ASP.NET Core, HttpClient, runtime, Npgsql, Orleans, the product's own meter). Exports over OTLP only when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured; the other <c>OTEL_*</c> variables (protocol, headers,
    /// resource attributes) are honoured by the OpenTelemetry SDK itself.
    /// Cross-grain traces also need <c>siloBuilder.AddActivityPropagation()</c> on the Orleans silo.
    /// </summary>
    public static TBuilder AddTenantAuditGridTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName: TelemetryNames.ServiceName,
                serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString(),
                // In Kubernetes the pod name is the silo name too, so a span and a silo log line name the same thing.
                serviceInstanceId: builder.Configuration["POD_NAME"] ?? Environment.MachineName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = IsNotHealthProbe)
                .AddHttpClientInstrumentation(options => options.EnrichWithHttpRequestMessage = OutgoingRequestRedaction.Enrich)
                .AddNpgsql()
                .AddSource(OrleansActivitySources)
                .AddSource(TelemetryNames.ActivitySource))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(TelemetryNames.OrleansMeter, TelemetryNames.Meter));

        if (IsOtlpConfigured(builder.Configuration))
        {
            telemetry.WithLogging().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>True when an OTLP endpoint is configured (environment variable or any other configuration source).</summary>
    public static bool IsOtlpConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);
    }

    // Kubelet probes every few seconds on every pod; as spans they would drown the traces that matter.
    private static bool IsNotHealthProbe(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
