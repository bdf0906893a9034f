using System.Net;
using System.Text.Json;
using TenantAuditGrid.Testing.Hosts;

namespace TenantAuditGrid.Host.Tests;

public sealed class EmbeddedModeTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("tag-embedded-").FullName;

    [Fact]
    public async Task Embedded_host_answers_all_three_probes_and_creates_its_sqlite_files()
    {
        await using var host = await RunningHost.StartEmbeddedAsync(dataDirectory);

        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("health/startup")).StatusCode);
        Assert.True(File.Exists(Path.Combine(dataDirectory, "grains.db")), "grain storage file missing");
        Assert.True(File.Exists(Path.Combine(dataDirectory, "audit.db")), "audit store file missing");
    }

    [Fact]
    public async Task Sigterm_stops_the_host_gracefully_with_exit_code_zero()
    {
        await using var host = await RunningHost.StartEmbeddedAsync(dataDirectory);

        Assert.Equal(0, await host.StopAsync());
        Assert.Contains("Application is shutting down", host.Process.AllOutput, StringComparison.Ordinal);
    }

    /// <summary>
    /// The README's first command, stopped the way an operator stops it. While sync runs, sync grains wait for throttle permits and the
    /// budget pump keeps asking the budget grain; all of it must end when the silo stops, without an error line for each call that a
    /// leaving silo refuses, and without holding grain deactivation until the shutdown timeout cuts it short.
    /// </summary>
    [Fact]
    public async Task Sigterm_while_the_demo_syncs_exits_zero_without_error_lines()
    {
        await using var host = await RunningHost.StartEmbeddedAsync(dataDirectory, ["--demo"]);
        await WaitUntilEventsAreStoredAsync(host, TimeSpan.FromSeconds(60));

        Assert.Equal(0, await host.StopAsync());
        var output = host.Process.StandardOutput;
        var errors = host.Process.FailureLines;
        Assert.True(errors.Count == 0, $"{errors.Count} error lines, the first:\n{FirstErrors(output)}");
        // Orleans says this when the shutdown timeout cancelled stop stages that had not finished, e.g. grains still deactivating.
        Assert.DoesNotContain(output, line => line.Contains("Lifecycle stop operations canceled", StringComparison.Ordinal));
        Assert.Contains("Application is shutting down", host.Process.AllOutput, StringComparison.Ordinal);
    }

    // Events through the gateway mean tenants are onboarded and their syncs are spending the budget: backfill is under way.
    private static async Task WaitUntilEventsAreStoredAsync(RunningHost host, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            using var response = await host.Http.GetAsync("graph/v1.0/auditLogs/directoryAudits?$top=1");
            if (response.IsSuccessStatusCode)
            {
                using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (page.RootElement.GetProperty("value").GetArrayLength() > 0)
                {
                    return;
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"no audit events stored within {timeout}:\n{host.Process.AllOutput}");
    }

    // An error line and the lines that follow it (the message and the top of the stack), for a failure message a reader can act on.
    private static string FirstErrors(IReadOnlyList<string> output)
    {
        var first = output.ToList().FindIndex(HostProcess.IsFailure);
        return first < 0 ? string.Empty : string.Join('\n', output.Skip(first).Take(8));
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);
}
