using System.Net;
using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.Host.Tests.Tenants;

/// <summary>Onboarding and the typed health it produces, each state caused by what the emulated Entra tenant really is.</summary>
[Collection(EmulatedHostCollection.Name)]
public sealed class TenantOnboardingTests(EmulatedHostFixture fixture)
{
    [Fact]
    public async Task Shared_app_onboarding_of_a_consented_tenant_is_healthy_with_full_capabilities()
    {
        var tenant = fixture.NewTenant();

        var (response, body) = await fixture.SendAsync(HttpMethod.Post, "/api/tenants", new
        {
            tenantId = tenant.Id,
            displayName = "Contoso",
            tags = new[] { "gold" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("healthy", body.GetProperty("state").GetString());
        var capabilities = body.GetProperty("capabilities");
        Assert.True(capabilities.GetProperty("canReadDirectoryAudits").GetBoolean());
        Assert.True(capabilities.GetProperty("canReadSecurityActions").GetBoolean());
        Assert.Equal("sharedApp", body.GetProperty("credential").GetProperty("kind").GetString());

        var (_, list) = await fixture.SendAsync(HttpMethod.Get, "/api/tenants?tag=gold&pageSize=1000");
        var row = Assert.Single(list.GetProperty("value").EnumerateArray(), r => r.GetProperty("tenantId").GetString() == tenant.Id.ToString("D"));
        Assert.Equal("healthy", row.GetProperty("healthState").GetString());
    }

    [Fact]
    public async Task Tenant_without_consent_is_consent_required_until_the_consent_flow_completes()
    {
        var tenant = fixture.NewTenant(consentSharedApp: false);

        var (_, onboarded) = await fixture.SendAsync(HttpMethod.Post, "/api/tenants", new { tenantId = tenant.Id, displayName = "Fabrikam" });
        Assert.Equal("consentRequired", onboarded.GetProperty("state").GetString());
        Assert.False(string.IsNullOrWhiteSpace(onboarded.GetProperty("health")[0].GetProperty("remediation").GetString()));

        var (_, link) = await fixture.SendAsync(HttpMethod.Get, $"/api/tenants/{tenant.Id}/consent-url");
        var consentUrl = link.GetProperty("consentUrl").GetString()!;
        Assert.StartsWith(fixture.Emulator.BaseAddress.AbsoluteUri, consentUrl, StringComparison.Ordinal);

        // The administrator opens the link and Entra redirects back to our callback, which re-probes. HttpClient will not follow an
        // https → http redirect, so the test follows it the way a browser would.
        using var browser = new HttpClient(fixture.Emulator.CreatePinnedHandler(followRedirects: false));
        var consent = await browser.GetAsync(consentUrl);
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        var callback = consent.Headers.Location!;
        Assert.Equal(fixture.Http.BaseAddress!.Authority, callback.Authority);

        var (afterConsent, body) = await fixture.SendAsync(HttpMethod.Get, callback.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, afterConsent.StatusCode);
        Assert.Equal("healthy", body.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Missing_audit_log_permission_is_permission_missing_and_names_it()
    {
        var tenant = fixture.NewTenant();
        fixture.Emulator.Control.RevokeRole(tenant.Id, fixture.Emulator.SharedApp.ClientId, GraphRoles.AuditLogReadAll);

        var (_, body) = await fixture.SendAsync(HttpMethod.Post, "/api/tenants", new { tenantId = tenant.Id, displayName = "Northwind" });

        Assert.Equal("permissionMissing", body.GetProperty("state").GetString());
        var directoryAudits = body.GetProperty("health").EnumerateArray().Single(h => h.GetProperty("source").GetString() == "directoryAudits");
        Assert.Contains(GraphRoles.AuditLogReadAll, directoryAudits.GetProperty("missingPermissions").EnumerateArray().Select(p => p.GetString()));
        Assert.False(body.GetProperty("capabilities").GetProperty("canReadDirectoryAudits").GetBoolean());
    }

    [Fact]
    public async Task Unknown_tenant_is_tenant_not_found()
    {
        var (_, body) = await fixture.SendAsync(HttpMethod.Post, "/api/tenants", new { tenantId = Guid.NewGuid(), displayName = "Nowhere" });

        Assert.Equal("tenantNotFound", body.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Onboarding_twice_is_a_conflict()
    {
        var tenant = fixture.NewTenant();
        await fixture.SendAsync(HttpMethod.Post, "/api/tenants", new { tenantId = tenant.Id, displayName = "Once" });

        var (response, _) = await fixture.SendAsync(HttpMethod.Post, "/api/tenants", new { tenantId = tenant.Id, displayName = "Twice" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Pausing_shows_disabled_stops_sync_and_resuming_restores_the_probed_state()
    {
        var tenant = fixture.NewTenant();
        await fixture.SendAsync(HttpMethod.Post, "/api/tenants", new { tenantId = tenant.Id, displayName = "Paused", sources = new[] { "directoryAudits" } });

        var (_, paused) = await fixture.SendAsync(HttpMethod.Patch, $"/api/tenants/{tenant.Id}", new { paused = true });
        var (_, pausedSync) = await fixture.SendAsync(HttpMethod.Get, $"/api/tenants/{tenant.Id}/sync");
        var (_, resumed) = await fixture.SendAsync(HttpMethod.Patch, $"/api/tenants/{tenant.Id}", new { paused = false });

        Assert.Equal("disabled", paused.GetProperty("state").GetString());
        var directoryAudits = pausedSync.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "directoryAudits");
        Assert.Equal("stopped", directoryAudits.GetProperty("state").GetString());
        Assert.Equal("healthy", resumed.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Offboarding_removes_the_tenant_and_its_status_row()
    {
        var tenant = fixture.NewTenant();
        await fixture.SendAsync(HttpMethod.Post, "/api/tenants", new { tenantId = tenant.Id, displayName = "Leaving", tags = new[] { "leaving" } });

        var (deleted, _) = await fixture.SendAsync(HttpMethod.Delete, $"/api/tenants/{tenant.Id}?purge=true");
        var (get, _) = await fixture.SendAsync(HttpMethod.Get, $"/api/tenants/{tenant.Id}");
        var (_, list) = await fixture.SendAsync(HttpMethod.Get, "/api/tenants?tag=leaving");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Empty(list.GetProperty("value").EnumerateArray());
    }
}

[CollectionDefinition(Name)]
public sealed class EmulatedHostCollection : ICollectionFixture<EmulatedHostFixture>
{
    public const string Name = "Host against the Graph emulator";
}
