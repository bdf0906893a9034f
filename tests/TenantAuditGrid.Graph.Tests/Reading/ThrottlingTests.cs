using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Health;
using TenantAuditGrid.Graph.Reading;
using TenantAuditGrid.Graph.Tests.Support;
using TenantAuditGrid.GraphEmulator;
using EmulatorLicence = TenantAuditGrid.GraphEmulator.TenantLicence;

namespace TenantAuditGrid.Graph.Tests.Reading;

/// <summary>429s reach the caller with Retry-After; the SDK's retry handler does not swallow them.</summary>
public sealed class ThrottlingTests : IAsyncLifetime
{
    private EmulatorGraphAccess access = null!;

    public async Task InitializeAsync()
    {
        var options = FrozenOptions.Create(seed: 22);
        options.Throttling = new ThrottlingOptions { Enabled = true, PerAppPerTenant = 5, PerAppAcrossTenants = 122 };
        access = await EmulatorGraphAccess.StartAsync(options);
    }

    public async Task DisposeAsync() => await access.DisposeAsync();

    [Fact]
    public async Task The_sixth_report_request_in_a_window_throws_Throttled_with_Retry_After()
    {
        var tenant = access.Control.CreateTenant(new TenantSpec { Licence = EmulatorLicence.P1, EventsPerDay = 5 }).Id;
        var client = access.Clients.GetClient(tenant.ToString(), new SharedAppTenantCredential(1));
        var query = new AuditWindowQuery(null, null, Top: 1);

        for (var i = 0; i < 5; i++)
        {
            await access.DirectoryAudits.ReadFirstPageAsync(client, query);
        }

        var throttled = await Assert.ThrowsAsync<GraphAccessException>(() => access.DirectoryAudits.ReadFirstPageAsync(client, query));
        var probe = await access.Probe.ProbeAsync(tenant.ToString(), new SharedAppTenantCredential(1), [AuditSource.DirectoryAudits]);

        Assert.Equal(GraphFailureKind.Throttled, throttled.Failure.Kind);
        Assert.Equal(TenantHealthState.Throttled, throttled.Failure.HealthState);
        Assert.Equal(429, throttled.Failure.HttpStatus);
        Assert.NotNull(throttled.Failure.RetryAfter);
        Assert.InRange(throttled.Failure.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.Equal(TenantHealthState.Throttled, probe.State);
        Assert.Equal(throttled.Failure.RetryAfter, probe.Sources[0].RetryAfter);
        Assert.Contains("throttling", probe.Sources[0].Remediation, StringComparison.Ordinal);
    }
}
