using System.Net;
using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.Host.Tests.Tenants;

/// <summary>Per-tenant app registrations with client secrets: invalid, expiring, expired, and rotation that never breaks a working credential.</summary>
[Collection(EmulatedHostCollection.Name)]
public sealed class TenantCredentialTests(EmulatedHostFixture fixture)
{
    [Fact]
    public async Task Wrong_secret_is_credential_invalid()
    {
        var (tenant, app) = TenantWithOwnApp("right-secret-" + Guid.NewGuid());

        var (_, body) = await Onboard(tenant, app.ClientId, "wrong-secret-value");

        Assert.Equal("credentialInvalid", body.GetProperty("state").GetString());
        Assert.Contains("7000215", body.GetProperty("health")[0].GetProperty("lastErrorCode").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secret_expiring_within_14_days_is_a_warning_that_still_reads()
    {
        var secret = "soon-" + Guid.NewGuid();
        var expires = fixture.Emulator.Control.Now.AddDays(5);
        var (tenant, app) = TenantWithOwnApp(secret, expires);

        var (_, body) = await Onboard(tenant, app.ClientId, secret, expires);

        Assert.Equal("credentialExpiringSoon", body.GetProperty("state").GetString());
        Assert.True(body.GetProperty("capabilities").GetProperty("canReadDirectoryAudits").GetBoolean());
    }

    [Fact]
    public async Task Rotation_to_a_bad_secret_is_refused_and_the_old_secret_keeps_working()
    {
        var secret = "good-" + Guid.NewGuid();
        var (tenant, app) = TenantWithOwnApp(secret);
        await Onboard(tenant, app.ClientId, secret);

        var (refused, problem) = await fixture.SendAsync(HttpMethod.Put, $"/api/tenants/{tenant.Id}/credential",
            new { type = "clientSecret", clientId = app.ClientId, clientSecret = "not-the-secret" });
        var (_, probed) = await fixture.SendAsync(HttpMethod.Post, $"/api/tenants/{tenant.Id}/probe");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("credentialInvalid", problem.GetProperty("state").GetString());
        Assert.Equal("healthy", probed.GetProperty("state").GetString());
        Assert.Equal(1, probed.GetProperty("credential").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_secret_that_expires_mid_run_turns_credential_expired_and_rotation_heals_it()
    {
        var secret = "expiring-" + Guid.NewGuid();
        var expires = fixture.Emulator.Control.Now.AddSeconds(3);
        var (tenant, app) = TenantWithOwnApp(secret, expires);
        var (_, first) = await Onboard(tenant, app.ClientId, secret, expires);
        Assert.Equal("credentialExpiringSoon", first.GetProperty("state").GetString());

        await Task.Delay(TimeSpan.FromSeconds(4)); // real time: this fixture's emulator runs at ×1
        var (_, expired) = await fixture.SendAsync(HttpMethod.Post, $"/api/tenants/{tenant.Id}/probe");

        var fresh = "fresh-" + Guid.NewGuid();
        var second = fixture.Emulator.Control.RegisterApp(new AppSpec { HomeTenantId = tenant.Id, Secret = fresh });
        var (rotated, healed) = await fixture.SendAsync(HttpMethod.Put, $"/api/tenants/{tenant.Id}/credential",
            new { type = "clientSecret", clientId = second.ClientId, clientSecret = fresh });

        Assert.Equal("credentialExpired", expired.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal("healthy", healed.GetProperty("state").GetString());
        Assert.Equal(2, healed.GetProperty("credential").GetProperty("version").GetInt32());
    }

    private (TenantInfo Tenant, AppInfo App) TenantWithOwnApp(string secret, DateTimeOffset? expires = null)
    {
        var tenant = fixture.NewTenant(consentSharedApp: false);
        var app = fixture.Emulator.Control.RegisterApp(new AppSpec { HomeTenantId = tenant.Id, Secret = secret, SecretExpires = expires });
        return (tenant, app);
    }

    private Task<(HttpResponseMessage, System.Text.Json.JsonElement)> Onboard(TenantInfo tenant, string clientId, string secret, DateTimeOffset? expires = null) =>
        fixture.SendAsync(HttpMethod.Post, "/api/tenants", new
        {
            tenantId = tenant.Id,
            displayName = "Own app " + tenant.Id,
            sources = new[] { "directoryAudits" },
            credential = new { type = "clientSecret", clientId, clientSecret = secret, secretExpiresOn = expires },
        });
}
