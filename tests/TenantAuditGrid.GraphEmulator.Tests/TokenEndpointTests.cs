using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Azure.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using TenantAuditGrid.GraphEmulator;

using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.GraphEmulator.Tests;

public sealed class TokenEndpointTests : IAsyncLifetime
{
    private GraphEmulatorServer server = null!;

    public async Task InitializeAsync() => server = await GraphEmulatorServer.StartAsync(new EmulatorOptions { TenantCount = 3, Seed = 7 });

    public async Task DisposeAsync() => await server.DisposeAsync();

    private Guid Tenant(int i) => server.Control.Tenants()[i].Id;

    [Fact]
    public async Task Client_secret_credential_gets_a_token_with_the_granted_roles_tenant_and_secret_acr()
    {
        var token = new JsonWebToken(await EmulatorClients.TokenAsync(EmulatorClients.SharedAppCredential(server, Tenant(1))));

        Assert.Equal(Tenant(1).ToString(), token.GetClaim("tid").Value);
        Assert.Equal(server.SharedApp.ClientId, token.GetClaim("appid").Value);
        Assert.Equal(server.SharedApp.ClientId, token.GetClaim("azp").Value);
        Assert.Equal("1", token.GetClaim("appidacr").Value);
        Assert.Equal("1", token.GetClaim("azpacr").Value);
        Assert.Equal(
            [GraphRoles.AuditLogReadAll, GraphRoles.DirectoryReadAll, GraphRoles.SecurityActionsReadWriteAll],
            token.Claims.Where(c => c.Type == "roles").Select(c => c.Value).Order(StringComparer.Ordinal));
        Assert.Equal(server.Control.Now.ToUnixTimeSeconds(), token.IssuedAt.Subtract(DateTime.UnixEpoch).TotalSeconds, 5.0);
        Assert.True(token.ValidTo > token.IssuedAt.AddMinutes(59));
    }

    [Fact]
    public async Task Client_certificate_credential_is_verified_against_the_registered_certificate()
    {
        using var certificate = SelfSigned("CN=cert-app");
        var app = server.Control.RegisterApp(new AppSpec
        {
            HomeTenantId = Tenant(0),
            Certificate = X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert)),
            Roles = [GraphRoles.AuditLogReadAll],
        });

        var token = new JsonWebToken(await EmulatorClients.TokenAsync(EmulatorClients.CertificateCredential(server, Tenant(0), app.ClientId, certificate)));

        Assert.Equal("2", token.GetClaim("appidacr").Value);
        Assert.Equal([GraphRoles.AuditLogReadAll], token.Claims.Where(c => c.Type == "roles").Select(c => c.Value));
    }

    [Fact]
    public async Task Wrong_secret_is_AADSTS7000215_with_Entras_error_body()
    {
        var (status, body) = await RawTokenRequestAsync(Tenant(0).ToString(), server.SharedApp.ClientId, "not-the-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.Equal([7000215], body.GetProperty("error_codes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.StartsWith("AADSTS7000215:", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        foreach (var member in new[] { "timestamp", "trace_id", "correlation_id", "error_uri" })
        {
            Assert.False(string.IsNullOrEmpty(body.GetProperty(member).GetString()), member);
        }

        await AssertCredentialFailsAsync(EmulatorClients.SecretCredential(server, Tenant(0), server.SharedApp.ClientId, "not-the-secret"), 7000215);
    }

    [Fact]
    public async Task Expired_secret_is_AADSTS7000222()
    {
        var app = server.Control.RegisterApp(new AppSpec { HomeTenantId = Tenant(0), Secret = "old-secret-value", SecretExpires = server.Control.Now.AddDays(1) });
        server.Control.AdvanceClock(TimeSpan.FromDays(2));

        var (status, body) = await RawTokenRequestAsync(Tenant(0).ToString(), app.ClientId, "old-secret-value");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        await AssertCredentialFailsAsync(EmulatorClients.SecretCredential(server, Tenant(0), app.ClientId, "old-secret-value"), 7000222);
    }

    [Fact]
    public async Task Unknown_app_and_single_tenant_app_in_another_tenant_are_AADSTS700016()
    {
        var app = server.Control.RegisterApp(new AppSpec { HomeTenantId = Tenant(0), Secret = "s3cret-value" });

        var (status, body) = await RawTokenRequestAsync(Tenant(1).ToString(), app.ClientId, "s3cret-value");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unauthorized_client", body.GetProperty("error").GetString());
        await AssertCredentialFailsAsync(EmulatorClients.SecretCredential(server, Tenant(0), Guid.NewGuid().ToString(), "x"), 700016);
    }

    [Fact]
    public async Task Tenant_without_the_apps_service_principal_is_AADSTS7000229_until_admin_consent()
    {
        var tenant = server.Control.CreateTenant(new TenantSpec { ConsentSharedApp = false });
        await AssertCredentialFailsAsync(EmulatorClients.SharedAppCredential(server, tenant.Id), 7000229);

        using var http = new HttpClient(server.CreatePinnedHandler(followRedirects: false)) { BaseAddress = server.BaseAddress };
        using var consent = await http.GetAsync($"{tenant.DefaultDomain}/adminconsent?client_id={server.SharedApp.ClientId}&redirect_uri=https%3A%2F%2Fmsp.example%2Fconsent&state=abc123");

        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        var location = consent.Headers.Location!;
        Assert.Equal("msp.example", location.Host);
        Assert.Contains($"tenant={tenant.Id}", location.Query, StringComparison.Ordinal);
        Assert.Contains("state=abc123", location.Query, StringComparison.Ordinal);
        Assert.Contains("admin_consent=True", location.Query, StringComparison.Ordinal);
        var token = new JsonWebToken(await EmulatorClients.TokenAsync(EmulatorClients.SharedAppCredential(server, tenant.Id)));
        Assert.Contains(token.Claims, c => c.Type == "roles" && c.Value == GraphRoles.AuditLogReadAll);
    }

    [Fact]
    public async Task Consent_required_is_AADSTS65001()
    {
        server.Control.RequireConsent(Tenant(2), server.SharedApp.ClientId);

        await AssertCredentialFailsAsync(EmulatorClients.SharedAppCredential(server, Tenant(2)), 65001);
    }

    [Fact]
    public async Task Unknown_tenant_is_AADSTS90002()
    {
        var (status, body) = await RawTokenRequestAsync(Guid.NewGuid().ToString(), server.SharedApp.ClientId, server.SharedApp.ClientSecret);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_tenant", body.GetProperty("error").GetString());
        await AssertCredentialFailsAsync(EmulatorClients.SecretCredential(server, Guid.NewGuid(), server.SharedApp.ClientId, server.SharedApp.ClientSecret), 90002);
    }

    [Fact]
    public async Task Assertion_signed_by_an_unregistered_or_expired_certificate_is_refused()
    {
        using var registered = SelfSigned("CN=registered");
        using var other = SelfSigned("CN=other");
        var app = server.Control.RegisterApp(new AppSpec
        {
            HomeTenantId = Tenant(0),
            Certificate = X509CertificateLoader.LoadCertificate(registered.Export(X509ContentType.Cert)),
            CertificateExpires = server.Control.Now.AddHours(1),
        });

        await AssertCredentialFailsAsync(EmulatorClients.CertificateCredential(server, Tenant(0), app.ClientId, other), 700027);
        server.Control.AdvanceClock(TimeSpan.FromHours(2));
        await AssertCredentialFailsAsync(EmulatorClients.CertificateCredential(server, Tenant(0), app.ClientId, registered), 700027);
    }

    [Fact]
    public async Task Token_without_consented_roles_has_no_roles_claim()
    {
        server.Control.Grant(Tenant(1), server.SharedApp.ClientId, roles: []);

        var token = new JsonWebToken(await EmulatorClients.TokenAsync(EmulatorClients.SharedAppCredential(server, Tenant(1))));

        Assert.DoesNotContain(token.Claims, c => c.Type == "roles");
    }

    private static async Task AssertCredentialFailsAsync(Azure.Core.TokenCredential credential, int aadsts)
    {
        var failure = await Assert.ThrowsAsync<AuthenticationFailedException>(() => EmulatorClients.TokenAsync(credential));
        Assert.Contains($"AADSTS{aadsts}:", failure.ToString(), StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> RawTokenRequestAsync(string tenant, string clientId, string secret)
    {
        using var http = EmulatorClients.PinnedHttpClient(server);
        using var response = await http.PostAsync($"{tenant}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = EmulatorClients.GraphScope,
        }));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
