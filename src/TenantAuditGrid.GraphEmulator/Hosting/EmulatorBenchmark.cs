using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// <c>--bench</c>: starts the emulator with 1,000 tenants × ~10,000 history events each and throttling off, then reads
/// whole tenants with $top pages over real HTTPS, following nextLinks, and reports pages/s and events/s. The reader runs
/// in the same process, so the number is a floor for the server alone.
/// </summary>
internal static class EmulatorBenchmark
{
    public static EmulatorOptions Options(CommandLine line) => new()
    {
        TenantCount = line.Int("--tenants", 1000),
        Seed = line.Int("--seed", 7),
        // A standing clock keeps the ground truth fixed, so the benchmark also checks it read every event exactly once.
        TimeScale = 1e-9,
        Throttling = { Enabled = false },
        // 30-day retention × 333.3/day ≈ 10,000 events per tenant.
        Activity = { MeanEventsPerDay = line.Double("--events-per-day", 10_000 / 30.0), VolumeSkew = 0, FreeLicenceShare = 0 },
    };

    public static async Task<int> RunAsync(CommandLine line, EmulatorOptions options)
    {
        var readTenants = line.Int("--bench-tenants", 100);
        var concurrency = line.Int("--bench-concurrency", 8);
        var top = line.Int("--bench-top", 999);
        await using var server = await GraphEmulatorServer.StartAsync(options).ConfigureAwait(false);
        var thumbprint = server.Certificate.Thumbprint;
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency * 2,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == thumbprint },
        };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = server.BaseAddress };
        var tenants = server.Control.Tenants().Take(readTenants).Select(t => t.Id).ToArray();

        Console.WriteLine($"{options.TenantCount} tenants, ~{options.Activity.MeanEventsPerDay * 30:F0} history events each; reading {tenants.Length} tenants with {concurrency} readers, $top={top}");
        var expected = tenants.Sum(t => (long)server.Control.VisibleAuditEvents(t).Count);
        var queue = new ConcurrentQueue<Guid>(tenants);
        long pages = 0, events = 0;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (queue.TryDequeue(out var tenant))
            {
                var token = await TokenAsync(http, tenant, server.SharedApp).ConfigureAwait(false);
                string? link = $"v1.0/auditLogs/directoryAudits?$top={top}";
                while (link is not null)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, link);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    using var response = await http.SendAsync(request).ConfigureAwait(false);
                    response.EnsureSuccessStatusCode();
                    using var page = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync().ConfigureAwait(false)).ConfigureAwait(false);
                    Interlocked.Add(ref events, page.RootElement.GetProperty("value").GetArrayLength());
                    Interlocked.Increment(ref pages);
                    link = page.RootElement.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
                }
            }
        })).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuMsPerPage = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, pages);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read {events} events (ground truth {expected}) in {pages} pages in {seconds:F1} s: {pages / seconds:F1} pages/s, {events / seconds:F0} events/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU (server + reader, same process): {cpuMsPerPage:F1} ms per page, i.e. about {1000 / cpuMsPerPage:F0} pages/s per core; load average {LoadAverage()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"for scale: Graph's reports budget for one app is 12.2 requests/s across all tenants; working set {Environment.WorkingSet / (1024 * 1024)} MiB"));
        return events == expected ? 0 : 1;
    }

    /// <summary>The 1-minute load average on Linux, so a number measured on a busy machine says so.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static async Task<string> TokenAsync(HttpClient http, Guid tenant, SharedAppCredentials app)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = app.ClientId,
            ["client_secret"] = app.ClientSecret,
            ["scope"] = GraphAudience.DefaultScope,
        });
        using var response = await http.PostAsync($"{tenant}/oauth2/v2.0/token", form).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync().ConfigureAwait(false)).ConfigureAwait(false);
        return body.RootElement.GetProperty("access_token").GetString()!;
    }
}
