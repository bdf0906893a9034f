using System.Net;
using System.Net.Http.Headers;
using Azure.Core;
using Azure.Identity;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.Bench.Backfill;

/// <summary>
/// Another tool on the same app registration, as MSPs have (scripts, a SIEM connector): it reads one directoryAudit of a tenant at a
/// steady rate, whatever Graph answers. Graph counts its requests against the same 122 per 10 s as the product's, and the product's
/// budget cannot see them except through Graph's 429s. It reads every tenant in turn, so its share of any one tenant's limit
/// (5 per 10 s) stays negligible and the product's 429s come from the app-wide limit.
/// </summary>
internal sealed class OtherToolOnTheApp : IAsyncDisposable
{
    private readonly GraphEmulatorServer emulator;
    private readonly IReadOnlyList<TenantInfo> tenants;
    private readonly TimeSpan interval;
    private readonly HttpClient http;
    private readonly Dictionary<Guid, ClientSecretCredential> credentials = [];
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> inFlight = [];
    private Task? loop;
    private long sent;
    private long throttled;

    /// <param name="requestsPerSecond">In emulated time; sent at that rate times <paramref name="timeScale"/> in real time.</param>
    public OtherToolOnTheApp(GraphEmulatorServer emulator, IReadOnlyList<TenantInfo> tenants, double requestsPerSecond, double timeScale)
    {
        this.emulator = emulator;
        this.tenants = tenants;
        interval = TimeSpan.FromSeconds(1 / (requestsPerSecond * timeScale));
        http = new HttpClient(emulator.CreatePinnedHandler()) { BaseAddress = emulator.BaseAddress };
    }

    public long Sent => Interlocked.Read(ref sent);

    public long Throttled => Interlocked.Read(ref throttled);

    public void Start() => loop = RunAsync(stop.Token);

    /// <summary>Stops sending and waits for the requests in flight; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }

        await stop.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        await Task.WhenAll(inFlight);
        http.Dispose();
        stop.Dispose();
    }

    // Requests go out on the timer, not after the previous answer: a tool on a schedule does not slow down when Graph does.
    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        var next = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                inFlight.RemoveAll(t => t.IsCompleted);
                inFlight.Add(ReadOneAsync(tenants[next++ % tenants.Count], cancellationToken));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReadOneAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        try
        {
            var token = await Credential(tenant).GetTokenAsync(new TokenRequestContext(["https://graph.microsoft.com/.default"]), cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1.0/auditLogs/directoryAudits?$top=1");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            using var response = await http.SendAsync(request, cancellationToken);
            Interlocked.Increment(ref sent);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Interlocked.Increment(ref throttled);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private ClientSecretCredential Credential(TenantInfo tenant)
    {
        lock (credentials)
        {
            if (!credentials.TryGetValue(tenant.Id, out var credential))
            {
                credential = EmulatorClients.SharedAppCredential(emulator, tenant.Id, maxRetries: null);
                credentials[tenant.Id] = credential;
            }

            return credential;
        }
    }
}
