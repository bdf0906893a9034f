using System.Net;
using System.Text.Json;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Testing;

namespace TenantAuditGrid.Host.Tests.Tenants;

/// <summary>
/// The licence the Host shows for a tenant, and the history it claims to hold, follow what the emulated tenant really has: Graph's
/// <c>/subscribedSkus</c> decides the licence, and the licence decides how far back the coverage may claim to be complete.
/// </summary>
[Collection(EmulatedHostCollection.Name)]
public sealed class TenantLicenceTests(EmulatedHostFixture fixture)
{
    [Theory]
    [InlineData(TenantLicence.Free, "free", 7, "licenceLimited")]
    [InlineData(TenantLicence.P1, "p1", 30, "healthy")]
    [InlineData(TenantLicence.P2, "p2", 30, "healthy")]
    public async Task Onboarding_shows_the_emulators_licence_and_its_retention(TenantLicence licence, string shown, int retentionDays, string directoryAuditsState)
    {
        var tenant = fixture.NewTenant(licence: licence);

        var (response, body) = await OnboardAsync(tenant);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(licence, fixture.Emulator.Control.Tenant(tenant.Id).Licence);
        var capabilities = body.GetProperty("capabilities");
        Assert.Equal(shown, capabilities.GetProperty("licence").GetString());
        Assert.Equal(retentionDays, capabilities.GetProperty("retentionDays").GetInt32());
        Assert.Equal(JsonValueKind.Null, capabilities.GetProperty("licenceReadError").ValueKind);
        Assert.Equal(directoryAuditsState, body.GetProperty("health").EnumerateArray().Single(h => h.GetProperty("source").GetString() == "directoryAudits").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_free_tenants_coverage_claims_nothing_older_than_the_seven_days_graph_keeps()
    {
        var tenant = fixture.NewTenant(licence: TenantLicence.Free);
        await OnboardAsync(tenant);

        var status = await LiveDirectoryAuditsSyncAsync(tenant.Id);

        var sevenDaysAgo = fixture.Emulator.Control.Now.AddDays(-7);
        Assert.Equal(100, status.GetProperty("backfillProgressPercent").GetDouble());
        var completeFrom = status.GetProperty("completeFrom").GetDateTimeOffset();
        Assert.True(completeFrom >= sevenDaysAgo.AddMinutes(-5), $"complete from {completeFrom:O}, but Graph keeps this tenant's events since {sevenDaysAgo:O} only");
        Assert.Empty(status.GetProperty("gaps").EnumerateArray());
    }

    [Fact]
    public async Task A_refused_licence_read_keeps_graphs_error_code_and_the_licence_unknown()
    {
        var tenant = fixture.NewTenant(licence: TenantLicence.Free, licenceReadRefused: true);

        var (_, body) = await OnboardAsync(tenant);

        var capabilities = body.GetProperty("capabilities");
        Assert.Equal("unknown", capabilities.GetProperty("licence").GetString());
        Assert.Equal("Authorization_RequestDenied", capabilities.GetProperty("licenceReadError").GetString());
        Assert.True(capabilities.GetProperty("canReadDirectoryAudits").GetBoolean());
    }

    [Fact]
    public async Task A_downgrade_is_shown_after_the_next_probe()
    {
        var tenant = fixture.NewTenant(licence: TenantLicence.P2);
        await OnboardAsync(tenant);

        fixture.Emulator.Control.UpdateTenant(tenant.Id, new TenantUpdate { Licence = TenantLicence.Free });
        var (probed, body) = await fixture.SendAsync(HttpMethod.Post, $"/api/tenants/{tenant.Id}/probe");

        Assert.Equal(HttpStatusCode.OK, probed.StatusCode);
        Assert.Equal("free", body.GetProperty("capabilities").GetProperty("licence").GetString());
        Assert.Equal(7, body.GetProperty("capabilities").GetProperty("retentionDays").GetInt32());
    }

    private Task<(HttpResponseMessage Response, JsonElement Body)> OnboardAsync(TenantInfo tenant) =>
        fixture.SendAsync(HttpMethod.Post, "/api/tenants", new { tenantId = tenant.Id, displayName = tenant.DisplayName, sources = new[] { "directoryAudits" } });

    private async Task<JsonElement> LiveDirectoryAuditsSyncAsync(Guid tenant)
    {
        JsonElement status = default;
        await Waits.UntilAsync(
            async () =>
            {
                var (_, body) = await fixture.SendAsync(HttpMethod.Get, $"/api/tenants/{tenant}/sync");
                status = body.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "directoryAudits");
                return status.GetProperty("state").GetString() == "live";
            },
            TimeSpan.FromSeconds(90),
            $"the directoryAudits sync of {tenant} to go live");
        return status;
    }
}
