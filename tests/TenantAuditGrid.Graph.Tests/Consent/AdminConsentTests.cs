using System.Net;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Consent;
using TenantAuditGrid.Graph.Tests.Support;
using TenantAuditGrid.GraphEmulator;
using EmulatorLicence = TenantAuditGrid.GraphEmulator.TenantLicence;

namespace TenantAuditGrid.Graph.Tests.Consent;

/// <summary>The shared app's admin-consent round trip against the emulator's Entra, and the health transitions around it.</summary>
public sealed class AdminConsentTests : IAsyncLifetime
{
    private static readonly Uri Callback = new("https://tag.example/api/consent/callback");
    private EmulatorGraphAccess access = null!;

    public async Task InitializeAsync() => access = await EmulatorGraphAccess.StartAsync(FrozenOptions.Create(seed: 31));

    public async Task DisposeAsync() => await access.DisposeAsync();

    [Fact]
    public async Task Consent_missing_then_granted_through_the_link_then_withdrawn_moves_the_tenant_between_states()
    {
        var tenant = access.Control.CreateTenant(new TenantSpec { Licence = EmulatorLicence.P1, EventsPerDay = 10, ConsentSharedApp = false }).Id.ToString();
        var credential = new SharedAppTenantCredential(1);
        var sources = new[] { AuditSource.DirectoryAudits };

        var before = await access.Probe.ProbeAsync(tenant, credential, sources);
        var link = AdminConsentLink.Build(access.Server.BaseAddress, tenant, access.Server.SharedApp.ClientId, Callback, "state-123");
        var outcome = await FollowConsentAsync(link);
        var granted = await access.Probe.ProbeAsync(tenant, credential, sources);
        access.Control.RemoveServicePrincipal(Guid.Parse(tenant), access.Server.SharedApp.ClientId);
        var withdrawn = await access.Probe.CheckCredentialAsync(tenant, credential, sources);

        Assert.Equal(TenantHealthState.ConsentRequired, before.State);
        Assert.Equal("AADSTS7000229", before.Sources[0].LastErrorCode);
        Assert.True(outcome.Granted);
        Assert.Equal(tenant, outcome.TenantId);
        Assert.Equal("state-123", outcome.State);
        Assert.Equal(TenantHealthState.Healthy, granted.State);
        Assert.Equal(TenantHealthState.ConsentRequired, withdrawn.State);
    }

    [Fact]
    public void A_failed_consent_redirect_is_read_as_not_granted_with_its_error()
    {
        var outcome = AdminConsentOutcome.FromQuery("?error=permission_denied&error_description=The%20admin%20declined&state=s1");

        Assert.False(outcome.Granted);
        Assert.Equal("permission_denied", outcome.Error);
        Assert.Equal("The admin declined", outcome.ErrorDescription);
        Assert.Equal("s1", outcome.State);
    }

    private async Task<AdminConsentOutcome> FollowConsentAsync(Uri link)
    {
        using var http = new HttpClient(access.Server.CreatePinnedHandler(followRedirects: false));
        using var response = await http.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(Callback.AbsoluteUri, location.AbsoluteUri, StringComparison.Ordinal);
        return AdminConsentOutcome.FromQuery(location.Query);
    }
}
