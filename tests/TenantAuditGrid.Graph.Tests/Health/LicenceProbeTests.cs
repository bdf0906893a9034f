using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Health;
using TenantAuditGrid.Graph.Tests.Support;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Testing.Emulator;
using EmulatorLicence = TenantAuditGrid.GraphEmulator.TenantLicence;
using ProductLicence = TenantAuditGrid.Abstractions.Tenants.TenantLicence;

namespace TenantAuditGrid.Graph.Tests.Health;

/// <summary>The probe reads each tenant's licence from the emulator's <c>/subscribedSkus</c>, and says why when it cannot.</summary>
public sealed class LicenceProbeTests : IAsyncLifetime
{
    private EmulatorGraphAccess access = null!;

    public async Task InitializeAsync() => access = await EmulatorGraphAccess.StartAsync(new EmulatorOptions
    {
        TenantCount = 0,
        Seed = 23,
        Activity = { MeanEventsPerDay = 40, VolumeSkew = 0 },
        Throttling = { Enabled = false },
    });

    public async Task DisposeAsync() => await access.DisposeAsync();

    [Theory]
    [InlineData(EmulatorLicence.Free, 7)]
    [InlineData(EmulatorLicence.P1, 30)]
    [InlineData(EmulatorLicence.P2, 30)]
    public async Task The_probe_finds_the_emulators_licence_and_its_retention(EmulatorLicence licence, int retentionDays)
    {
        var tenant = access.Control.CreateTenant(new TenantSpec { Licence = licence });

        var result = await ProbeAsync(tenant.Id);

        Assert.Equal(access.Control.Tenant(tenant.Id).Licence.AsProductLicence(), result.Capabilities.Licence);
        Assert.Equal(retentionDays, result.Capabilities.RetentionDays);
        Assert.Null(result.Capabilities.LicenceReadError);
        var directory = Assert.Single(result.Sources, s => s.Source == AuditSource.DirectoryAudits);
        Assert.Equal(licence == EmulatorLicence.Free ? TenantHealthState.LicenceLimited : TenantHealthState.Healthy, directory.State);
    }

    [Fact]
    public async Task A_refused_licence_read_on_a_free_tenant_leaves_the_licence_unknown_with_graphs_error_code()
    {
        var tenant = access.Control.CreateTenant(new TenantSpec { Licence = EmulatorLicence.Free, LicenceReadRefused = true });

        var result = await ProbeAsync(tenant.Id);

        Assert.Equal(ProductLicence.Unknown, result.Capabilities.Licence);
        Assert.Equal("Authorization_RequestDenied", result.Capabilities.LicenceReadError);
        Assert.Equal(TenantCapabilities.PremiumRetentionDays, result.Capabilities.RetentionDays);
        Assert.True(result.Capabilities.CanReadDirectoryAudits);
    }

    [Fact]
    public async Task A_refused_licence_read_on_a_premium_tenant_with_older_events_proves_premium_without_naming_the_tier()
    {
        var tenant = access.Control.CreateTenant(new TenantSpec { Licence = EmulatorLicence.P1, LicenceReadRefused = true });
        Assert.Contains(access.Control.VisibleAuditEventDetails(tenant.Id), e => e.ActivityDateTime < access.Control.Now.AddDays(-8));

        var result = await ProbeAsync(tenant.Id);

        Assert.Equal(ProductLicence.Premium, result.Capabilities.Licence);
        Assert.Equal("Authorization_RequestDenied", result.Capabilities.LicenceReadError);
        Assert.Equal(30, result.Capabilities.RetentionDays);
    }

    [Fact]
    public async Task A_downgrade_is_seen_by_the_next_probe_and_an_upgrade_too()
    {
        var tenant = access.Control.CreateTenant(new TenantSpec { Licence = EmulatorLicence.P2 });
        Assert.Equal(ProductLicence.P2, (await ProbeAsync(tenant.Id)).Capabilities.Licence);

        access.Control.UpdateTenant(tenant.Id, new GraphEmulator.TenantUpdate { Licence = EmulatorLicence.Free });
        var downgraded = await ProbeAsync(tenant.Id);
        Assert.Equal(ProductLicence.Free, downgraded.Capabilities.Licence);
        Assert.Equal(7, downgraded.Capabilities.RetentionDays);

        access.Control.UpdateTenant(tenant.Id, new GraphEmulator.TenantUpdate { Licence = EmulatorLicence.P1 });
        Assert.Equal(ProductLicence.P1, (await ProbeAsync(tenant.Id)).Capabilities.Licence);
    }

    private Task<TenantProbeResult> ProbeAsync(Guid tenant) =>
        access.Probe.ProbeAsync(tenant.ToString(), new SharedAppTenantCredential(1), [AuditSource.DirectoryAudits]);
}
