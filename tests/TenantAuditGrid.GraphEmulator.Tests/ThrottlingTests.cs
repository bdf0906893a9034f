using System.Net;
using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.GraphEmulator.Tests;

public sealed class ThrottlingTests : IAsyncLifetime
{
    private GraphEmulatorServer server = null!;

    public async Task InitializeAsync()
    {
        var options = FrozenEmulator.Options(tenants: 2);
        options.Throttling = new ThrottlingOptions { Enabled = true, PerAppPerTenant = 5, PerAppAcrossTenants = 7 };
        server = await GraphEmulatorServer.StartAsync(options);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Sixth_request_within_ten_seconds_gets_429_with_retry_after_and_graph_error_body()
    {
        using var graph = await GraphRaw.ForAsync(server, server.Control.Tenants()[0].Id);
        for (var i = 1; i <= 5; i++)
        {
            var (ok, _) = await graph.GetAsync("v1.0/auditLogs/directoryAudits?$top=1");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var (throttled, body) = await graph.GetAsync("v1.0/auditLogs/directoryAudits?$top=1");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), throttled.Headers.RetryAfter?.Delta);
        Assert.Equal("TooManyRequests", GraphRaw.ErrorCode(body));
        Assert.Equal("429", body.GetProperty("error").GetProperty("innerError").GetProperty("code").GetString());

        server.Control.AdvanceClock(TimeSpan.FromSeconds(10));
        var (after, _) = await graph.GetAsync("v1.0/auditLogs/directoryAudits?$top=1");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task App_wide_limit_across_tenants_throttles_a_tenant_that_is_under_its_own_limit()
    {
        var tenants = server.Control.Tenants();
        using var first = await GraphRaw.ForAsync(server, tenants[0].Id);
        using var second = await GraphRaw.ForAsync(server, tenants[1].Id);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("v1.0/auditLogs/directoryAudits?$top=1")).Response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("v1.0/auditLogs/directoryAudits?$top=1")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("v1.0/auditLogs/directoryAudits?$top=1")).Response.StatusCode);
        var (throttled, body) = await second.GetAsync("v1.0/auditLogs/directoryAudits?$top=1");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter?.Delta);
        Assert.Equal("TooManyRequests", GraphRaw.ErrorCode(body));
    }
}
