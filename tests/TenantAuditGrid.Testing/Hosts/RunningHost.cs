using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace TenantAuditGrid.Testing.Hosts;

/// <summary>
/// A Host process that has answered <c>/health/ready</c>, with a client for its API: the one way tests start an embedded or a
/// cluster host that should come up. Tests of hosts that must fail to start use <see cref="HostProcess"/> directly.
/// </summary>
public sealed class RunningHost : IAsyncDisposable
{
    /// <summary>Long enough for a cluster silo joining on a loaded 2-core machine; a host that is up returns at once.</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    private RunningHost(HostProcess process, Uri baseAddress, TimeSpan readyAfter)
    {
        Process = process;
        BaseAddress = baseAddress;
        ReadyAfter = readyAfter;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HostProcess Process { get; }

    public Uri BaseAddress { get; }

    /// <summary>
    /// A client for the host's API, based at its address. An embedded host's client sends the bootstrap Admin key; give a cluster host's
    /// client a credential with <see cref="UseBearer"/>.
    /// </summary>
    public HttpClient Http { get; }

    /// <summary>How long the process took from start to its first ready answer.</summary>
    public TimeSpan ReadyAfter { get; }

    /// <summary>An embedded host on its own data directory, with free ports; <paramref name="arguments"/> are added after them.</summary>
    public static async Task<RunningHost> StartEmbeddedAsync(string dataDirectory, IEnumerable<string>? arguments = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var ports = new HostArgs();
        var host = await StartAsync(ports, [.. ports.Embedded(dataDirectory), .. arguments ?? []], environment);
        host.UseBearer(await File.ReadAllTextAsync(AdminKeyFile(dataDirectory)));
        return host;
    }

    /// <summary>Where an embedded host keeps the bootstrap Admin API key it created on its first start.</summary>
    public static string AdminKeyFile(string dataDirectory) => Path.Combine(dataDirectory, "admin-api-key");

    /// <summary>A silo of the named cluster (silos given the same id and database form one cluster), with free ports.</summary>
    public static Task<RunningHost> StartClusterAsync(string clusterId, IEnumerable<string>? arguments = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var ports = new HostArgs();
        return StartAsync(ports, [.. ports.Cluster(clusterId), .. arguments ?? []], environment);
    }

    private static async Task<RunningHost> StartAsync(HostArgs ports, List<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var watch = Stopwatch.StartNew();
        var process = HostProcess.Start(arguments, environment);
        try
        {
            await process.WaitUntilOkAsync(new Uri(ports.BaseAddress, "health/ready"), ReadyTimeout);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new RunningHost(process, ports.BaseAddress, watch.Elapsed);
    }

    /// <summary>Makes <see cref="Http"/> send <c>Authorization: Bearer {credential}</c> (an API key or an Entra token).</summary>
    public void UseBearer(string credential) =>
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", credential.Trim());

    /// <summary>Sends a request to the host's API (a body is sent as JSON unless it already is content) and parses the answer, if any.</summary>
    public async Task<(HttpResponseMessage Response, JsonElement Body, string Text)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body as HttpContent ?? (body is null ? null : JsonContent.Create(body)) };
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    /// <summary>A graceful stop, as Kubernetes asks for one on pod deletion (SIGTERM); returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        Process.SendTerminate();
        return await Process.WaitForExitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
    }
}
