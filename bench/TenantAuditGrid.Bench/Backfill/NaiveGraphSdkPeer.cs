using System.Diagnostics;
using System.Net;
using System.Reflection;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Authentication.Azure;
using TenantAuditGrid.Bench.Sync;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.Bench.Backfill;

/// <summary>
/// The baseline: the script a competent engineer writes with the official SDK (Microsoft.Graph + Azure.Identity). One tenant after
/// another: a ClientSecretCredential for the tenant, <c>GET /auditLogs/directoryAudits?$top=999</c>, <see cref="PageIterator{TEntity, TCollectionPage}"/>
/// over every nextLink, and the SDK's own retry handler for 429s (it honours Retry-After). It only collects the ids it reads (no store),
/// which makes it cheaper per event than the product, so the comparison flatters the baseline.
/// </summary>
internal sealed class NaiveGraphSdkPeer(GraphEmulatorServer emulator)
{
    /// <summary>The Microsoft.Graph version this peer runs, for the report: side-by-side runs of two builds must say which SDK each used.</summary>
    public static string SdkVersion { get; } = typeof(GraphServiceClient).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public async Task<NaiveResult> RunAsync(IReadOnlyList<TenantInfo> tenants, CancellationToken cancellationToken)
    {
        var counting = new CountingHandler { InnerHandler = emulator.CreatePinnedHandler() };
        using var http = GraphClientFactory.Create(finalHandler: counting);
        var clock = emulator.Clock;
        var started = clock.GetUtcNow();
        var cpuBefore = ProcessCpu.Now();
        var completeness = GroundTruthComparison.Zero;
        var tenantRetries = 0;
        foreach (var tenant in tenants)
        {
            var tenantStarted = clock.GetUtcNow();
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    var ids = await ReadTenantAsync(http, tenant, cancellationToken);
                    completeness = completeness.Plus(GroundTruthComparison.SinceStart(emulator.Control, tenant, ids, tenantStarted));
                    break;
                }
                catch (ODataError e) when (e.ResponseStatusCode == (int)HttpStatusCode.TooManyRequests && attempt < 5)
                {
                    // The SDK gave up after its own retries; a script would start the tenant again.
                    tenantRetries++;
                }
            }
        }

        var elapsed = clock.GetUtcNow() - started;
        return new NaiveResult(completeness, counting.Requests, counting.Throttled, tenantRetries, elapsed, ProcessCpu.Now() - cpuBefore);
    }

    private async Task<HashSet<string>> ReadTenantAsync(HttpClient http, TenantInfo tenant, CancellationToken cancellationToken)
    {
        var credential = EmulatorClients.SharedAppCredential(emulator, tenant.Id, maxRetries: null);
        var auth = new AzureIdentityAuthenticationProvider(credential, allowedHosts: [emulator.BaseAddress.Host], scopes: "https://graph.microsoft.com/.default");
        var graph = new GraphServiceClient(http, auth, new Uri(emulator.BaseAddress, "v1.0").ToString());
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var first = await graph.AuditLogs.DirectoryAudits.GetAsync(r => r.QueryParameters.Top = 999, cancellationToken);
        if (first is null)
        {
            return ids;
        }

        var pages = PageIterator<DirectoryAudit, DirectoryAuditCollectionResponse>.CreatePageIterator(graph, first, audit =>
        {
            ids.Add(audit.Id!);
            return true;
        });
        await pages.IterateAsync(cancellationToken);
        return ids;
    }

    /// <summary>Below the SDK's retry handler, so it sees every attempt, including the ones answered 429.</summary>
    private sealed class CountingHandler : DelegatingHandler
    {
        private long requests;
        private long throttled;

        public long Requests => Interlocked.Read(ref requests);

        public long Throttled => Interlocked.Read(ref throttled);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            Interlocked.Increment(ref requests);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Interlocked.Increment(ref throttled);
            }

            return response;
        }
    }
}

internal sealed record NaiveResult(GroundTruthComparison Completeness, long Requests, long Throttled, int TenantRetries, TimeSpan Elapsed, TimeSpan Cpu);
