using System.Net;
using TenantAuditGrid.Testing;

namespace TenantAuditGrid.Host.Tests;

public sealed class EmbeddedModeTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("tag-embedded-").FullName;

    [Fact]
    public async Task Embedded_host_answers_all_three_probes_and_creates_its_sqlite_files()
    {
        var args = new HostArgs();
        await using var host = HostProcess.Start(args.Embedded(dataDirectory));

        await host.WaitUntilOkAsync(new Uri(args.BaseAddress, "health/ready"), TimeSpan.FromSeconds(60));

        using var http = new HttpClient { BaseAddress = args.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/startup")).StatusCode);
        Assert.True(File.Exists(Path.Combine(dataDirectory, "grains.db")), "grain storage file missing");
        Assert.True(File.Exists(Path.Combine(dataDirectory, "audit.db")), "audit store file missing");
    }

    [Fact]
    public async Task Sigterm_stops_the_host_gracefully_with_exit_code_zero()
    {
        var args = new HostArgs();
        await using var host = HostProcess.Start(args.Embedded(dataDirectory));
        await host.WaitUntilOkAsync(new Uri(args.BaseAddress, "health/ready"), TimeSpan.FromSeconds(60));

        host.SendTerminate();

        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(45)));
        Assert.Contains("Application is shutting down", host.AllOutput, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);
}
