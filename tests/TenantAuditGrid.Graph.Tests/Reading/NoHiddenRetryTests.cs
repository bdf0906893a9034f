using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Health;
using TenantAuditGrid.Graph.Reading;
using TenantAuditGrid.Graph.Tests.Support;
using TenantAuditGrid.GraphEmulator;
using EmulatorLicence = TenantAuditGrid.GraphEmulator.TenantLicence;

namespace TenantAuditGrid.Graph.Tests.Reading;

/// <summary>
/// Proves the SDK's retry handler is off for report calls. The emulator runs in real time with a one-request, two-second
/// window. A hidden retry would wait out Retry-After and then be admitted, so every call would eventually succeed;
/// without retries, a call that lands inside the window must throw.
/// </summary>
public sealed class NoHiddenRetryTests : IAsyncLifetime
{
    private EmulatorGraphAccess access = null!;

    public async Task InitializeAsync() => access = await EmulatorGraphAccess.StartAsync(new EmulatorOptions
    {
        TenantCount = 0,
        Seed = 23,
        Activity = { MeanEventsPerDay = 5, VolumeSkew = 0 },
        Throttling = { Enabled = true, PerAppPerTenant = 1, PerAppAcrossTenants = 100, Window = TimeSpan.FromSeconds(2) },
    });

    public async Task DisposeAsync() => await access.DisposeAsync();

    [Fact]
    public async Task A_throttled_report_request_is_not_retried_by_the_sdk()
    {
        var tenant = access.Control.CreateTenant(new TenantSpec { Licence = EmulatorLicence.P1, EventsPerDay = 5 }).Id;
        var client = access.Clients.GetClient(tenant.ToString(), new SharedAppTenantCredential(1));
        await client.GetTokenAsync(CancellationToken.None);
        var query = new AuditWindowQuery(null, null, Top: 1);

        GraphAccessException? throttled = null;
        for (var attempt = 0; attempt < 10 && throttled is null; attempt++)
        {
            try
            {
                await access.DirectoryAudits.ReadFirstPageAsync(client, query);
            }
            catch (GraphAccessException e)
            {
                throttled = e;
            }
        }

        Assert.NotNull(throttled);
        Assert.Equal(GraphFailureKind.Throttled, throttled.Failure.Kind);
    }
}
