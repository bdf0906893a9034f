using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TenantAuditGrid.Abstractions;

namespace TenantAuditGrid.Grains.Sync;

/// <summary>
/// The sync engine's OpenTelemetry instruments on the <c>TenantAuditGrid</c> meter. Tags carry the source and, for freshness only,
/// the tenant id (an id, never anything secret).
/// </summary>
public sealed class SyncMetrics
{
    public const string MeterName = "TenantAuditGrid";

    private readonly Counter<long> eventsIngested;
    private readonly Counter<long> requests;
    private readonly Counter<long> throttled;
    private readonly Histogram<double> budgetWait;
    private readonly ConcurrentDictionary<string, DateTimeOffset> lastPollByTenant = new(StringComparer.Ordinal);
    private readonly TimeProvider clock;

    public SyncMetrics(IMeterFactory meters, [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider clock)
    {
        this.clock = clock;
        var meter = meters.Create(MeterName);
        eventsIngested = meter.CreateCounter<long>("tag.sync.events_ingested", "{event}", "Events the sync stored that the store did not have yet.");
        requests = meter.CreateCounter<long>("tag.sync.graph_requests", "{request}", "Requests the sync sent to Graph.");
        throttled = meter.CreateCounter<long>("tag.sync.graph_throttled", "{request}", "Requests Graph answered with 429.");
        budgetWait = meter.CreateHistogram<double>("tag.sync.budget_wait", "s", "How long a report request waited for a throttle-budget permit.");
        meter.CreateObservableGauge("tag.sync.freshness_lag", ObserveFreshness, "s", "Per tenant: how long ago the last complete incremental poll read up to.");
    }

    public void EventsIngested(string source, int count)
    {
        if (count > 0)
        {
            eventsIngested.Add(count, new KeyValuePair<string, object?>("source", source));
        }
    }

    public void Request(string source, string priority) =>
        requests.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("priority", priority));

    public void Throttled(string source) => throttled.Add(1, new KeyValuePair<string, object?>("source", source));

    public void BudgetWaited(string priority, TimeSpan waited) =>
        budgetWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("priority", priority));

    public void Polled(string tenantId, DateTimeOffset upTo) => lastPollByTenant[tenantId] = upTo;

    public void Forget(string tenantId) => lastPollByTenant.TryRemove(tenantId, out _);

    private IEnumerable<Measurement<double>> ObserveFreshness()
    {
        var now = clock.GetUtcNow();
        foreach (var (tenant, upTo) in lastPollByTenant)
        {
            yield return new Measurement<double>((now - upTo).TotalSeconds, new TagList { { "tenant_id", tenant } });
        }
    }
}
