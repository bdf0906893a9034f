using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.Host.Tests.Tenants;

[Collection(EmulatedHostCollection.Name)]
public sealed class CredentialSecrecyTests(EmulatedHostFixture fixture)
{
    [Fact]
    public async Task Secrets_never_appear_in_responses_or_the_hosts_output()
    {
        var first = "first-secret-" + Guid.NewGuid();
        var wrong = "wrong-secret-" + Guid.NewGuid();
        var second = "second-secret-" + Guid.NewGuid();
        var tenant = fixture.NewTenant(consentSharedApp: false);
        var app = fixture.Emulator.Control.RegisterApp(new AppSpec { HomeTenantId = tenant.Id, Secret = first });
        var secondApp = fixture.Emulator.Control.RegisterApp(new AppSpec { HomeTenantId = tenant.Id, Secret = second });

        await fixture.SendAsync(HttpMethod.Post, "/api/tenants", new
        {
            tenantId = tenant.Id,
            displayName = "Secretive",
            credential = new { type = "clientSecret", clientId = app.ClientId, clientSecret = first },
        });
        await fixture.SendAsync(HttpMethod.Put, $"/api/tenants/{tenant.Id}/credential", new { type = "clientSecret", clientId = app.ClientId, clientSecret = wrong });
        await fixture.SendAsync(HttpMethod.Put, $"/api/tenants/{tenant.Id}/credential", new { type = "clientSecret", clientId = secondApp.ClientId, clientSecret = second });
        await fixture.SendAsync(HttpMethod.Post, $"/api/tenants/{tenant.Id}/probe");
        await fixture.SendAsync(HttpMethod.Get, $"/api/tenants/{tenant.Id}");
        await fixture.SendAsync(HttpMethod.Get, "/api/tenants?pageSize=1000");

        var everything = string.Join('\n', fixture.ResponseBodies) + '\n' + fixture.Host.AllOutput;
        Assert.Contains(tenant.Id.ToString("D"), everything, StringComparison.Ordinal); // the search covers the right material
        foreach (var secret in new[] { first, wrong, second, fixture.Emulator.SharedApp.ClientSecret, fixture.Emulator.OperatorSignIn.ClientSecret })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }
}
