using System.Security.Cryptography.X509Certificates;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Tests.Support;
using TenantAuditGrid.GraphEmulator;
using EmulatorLicence = TenantAuditGrid.GraphEmulator.TenantLicence;

namespace TenantAuditGrid.Graph.Tests.Health;

/// <summary>Certificate credentials, uploaded as PFX or as PEM, authenticate with a signed client assertion and read Graph.</summary>
public sealed class CertificateCredentialTests : IAsyncLifetime
{
    private EmulatorGraphAccess access = null!;

    public async Task InitializeAsync() => access = await EmulatorGraphAccess.StartAsync(new EmulatorOptions
    {
        TenantCount = 0,
        Seed = 12,
        Activity = { MeanEventsPerDay = 20 },
        Throttling = { Enabled = false },
    });

    public async Task DisposeAsync() => await access.DisposeAsync();

    [Fact]
    public async Task A_pfx_credential_gets_a_token_and_reads_directory_audits()
    {
        var (tenant, app, certificate) = TenantWithCertificateApp();
        using (certificate)
        {
            var credential = access.Intake.FromPfx(tenant.ToString(), 1, app.ClientId, certificate.Export(X509ContentType.Pkcs12, "pfx-pass"), "pfx-pass");

            var result = await access.Probe.ProbeAsync(tenant.ToString(), credential, [AuditSource.DirectoryAudits]);

            AssertReadsDirectoryAudits(result);
        }
    }

    [Fact]
    public async Task A_pem_credential_gets_a_token_and_reads_directory_audits()
    {
        var (tenant, app, certificate) = TenantWithCertificateApp();
        using (certificate)
        {
            var credential = access.Intake.FromPem(tenant.ToString(), 1, app.ClientId, certificate.ExportCertificatePem(), TestCertificates.PrivateKeyPem(certificate));

            var result = await access.Probe.ProbeAsync(tenant.ToString(), credential, [AuditSource.DirectoryAudits]);

            AssertReadsDirectoryAudits(result);
        }
    }

    [Fact]
    public async Task A_certificate_the_app_does_not_have_registered_is_CredentialInvalid()
    {
        var (tenant, app, registered) = TenantWithCertificateApp();
        registered.Dispose();
        using var other = TestCertificates.CreateRsa(access.Control.Now.AddDays(-1), access.Control.Now.AddYears(1));
        var credential = access.Intake.FromPem(tenant.ToString(), 1, app.ClientId, other.ExportCertificatePem(), TestCertificates.PrivateKeyPem(other));

        var result = await access.Probe.ProbeAsync(tenant.ToString(), credential, [AuditSource.DirectoryAudits]);

        Assert.Equal(TenantHealthState.CredentialInvalid, result.State);
        Assert.Equal("AADSTS700027", result.Sources[0].LastErrorCode);
        Assert.False(result.TokenIssued);
    }

    [Fact]
    public async Task A_certificate_past_its_expiry_is_CredentialExpired_and_within_14_days_of_it_CredentialExpiringSoon()
    {
        var now = access.Control.Now;
        var (tenant, app, certificate) = TenantWithCertificateApp(notAfter: now.AddDays(10));
        using (certificate)
        {
            var credential = access.Intake.FromPfx(tenant.ToString(), 1, app.ClientId, certificate.Export(X509ContentType.Pkcs12, "p"), "p");

            var soon = await access.Probe.ProbeAsync(tenant.ToString(), credential, [AuditSource.DirectoryAudits]);
            access.Control.AdvanceClock(TimeSpan.FromDays(11));
            var expired = await access.Probe.ProbeAsync(tenant.ToString(), credential, [AuditSource.DirectoryAudits]);

            Assert.Equal(TenantHealthState.CredentialExpiringSoon, soon.State);
            Assert.True(soon.Capabilities.CanReadDirectoryAudits);
            Assert.Equal(credential.NotAfter, soon.CredentialExpiresOn);
            Assert.Contains(credential.NotAfter.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), soon.Sources[0].Remediation, StringComparison.Ordinal);
            Assert.Equal(TenantHealthState.CredentialExpired, expired.State);
            Assert.False(expired.Capabilities.CanReadDirectoryAudits);
        }
    }

    private static void AssertReadsDirectoryAudits(TenantProbeResult result)
    {
        Assert.True(result.TokenIssued);
        Assert.Equal([GraphRoles.AuditLogReadAll, GraphRoles.DirectoryReadAll], result.GrantedRoles.Order(StringComparer.Ordinal));
        Assert.Equal(TenantHealthState.Healthy, result.State);
        Assert.True(result.Capabilities.CanReadDirectoryAudits);
    }

    private (Guid Tenant, AppInfo App, X509Certificate2 Certificate) TenantWithCertificateApp(DateTimeOffset? notAfter = null)
    {
        var tenant = access.Control.CreateTenant(new TenantSpec { Licence = EmulatorLicence.P2, EventsPerDay = 20 }).Id;
        var now = access.Control.Now;
        var certificate = TestCertificates.CreateRsa(now.AddDays(-1), notAfter ?? now.AddYears(1));
        var app = access.Control.RegisterApp(new AppSpec
        {
            HomeTenantId = tenant,
            Certificate = X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert)),
            CertificateExpires = notAfter,
            Roles = [GraphRoles.AuditLogReadAll, GraphRoles.DirectoryReadAll],
        });
        return (tenant, app, certificate);
    }
}
