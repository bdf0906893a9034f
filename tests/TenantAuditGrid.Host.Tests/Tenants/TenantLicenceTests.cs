using System.Net;
using System.Text.Json;
using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.Host.Tests.Tenants;

/// <summary>
/// The licence the Host shows for a tenant is what the emulated tenant really has, read from Graph's <c>/subscribedSkus</c>;
/// LicenceCoverageTests follows it into the coverage on both stores.
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
    public async Task A_refused_licence_read_keeps_graphs_error_code_and_the_licence_unknown()
    {
        var tenant = fixture.NewTenant(licence: TenantLicence.Free, licenceReadRefused: true);

        var (_, body) = await OnboardAsync(tenant);

        var capabilities = body.GetProperty("capabilities");
        Assert.Equal("unknown", capabilities.GetProperty("licence").GetString());
        Assert.Equal("Authorization_RequestDenied", capabilities.GetProperty("licenceReadError").GetString());
        Assert.True(capabilities.GetProperty("canReadDirectoryAudits").GetBoolean());
    }

    private Task<(HttpResponseMessage Response, JsonElement Body)> OnboardAsync(TenantInfo tenant) =>
        fixture.SendAsync(HttpMethod.Post, "/api/tenants", new { tenantId = tenant.Id, displayName = tenant.DisplayName, sources = new[] { "directoryAudits" } });
}
