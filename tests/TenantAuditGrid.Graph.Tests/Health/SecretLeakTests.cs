using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Credentials;
using TenantAuditGrid.Graph.Tests.Support;
using TenantAuditGrid.GraphEmulator;
using EmulatorLicence = TenantAuditGrid.GraphEmulator.TenantLicence;

namespace TenantAuditGrid.Graph.Tests.Health;

/// <summary>
/// Secrets are radioactive: after probes that succeed and fail with known secret values, no log line (ours, Azure.Identity's,
/// MSAL's), exception text or result contains any of them.
/// </summary>
public sealed class SecretLeakTests : IAsyncLifetime
{
    private const string RightSecret = "Rt8Q~right-secret-value.0123456789abcdef";
    private const string WrongSecret = "Wr8Q~wrong-secret-value.fedcba9876543210";
    private const string ExpiringSecret = "Ex8Q~expiring-secret-value.1122334455";
    private const string PfxPassword = "Pfx-password-value-99887766";
    private const string WrongPfxPassword = "Wrong-pfx-password-value-55443322";

    private EmulatorGraphAccess access = null!;

    public async Task InitializeAsync() => access = await EmulatorGraphAccess.StartAsync(new EmulatorOptions
    {
        TenantCount = 0,
        Seed = 13,
        Activity = { MeanEventsPerDay = 20 },
        Throttling = { Enabled = false },
    });

    public async Task DisposeAsync() => await access.DisposeAsync();

    [Fact]
    public async Task No_secret_appears_in_logs_exceptions_or_results()
    {
        var tenant = access.Control.CreateTenant(new TenantSpec { Licence = EmulatorLicence.P1, EventsPerDay = 20 }).Id.ToString();
        var now = access.Control.Now;
        using var certificate = TestCertificates.CreateRsa(now.AddDays(-1), now.AddYears(1));
        var privateKeyPem = TestCertificates.PrivateKeyPem(certificate);
        var secretApp = access.Control.RegisterApp(new AppSpec
        {
            HomeTenantId = Guid.Parse(tenant),
            Secret = RightSecret,
            Roles = [GraphRoles.AuditLogReadAll, GraphRoles.DirectoryReadAll],
        });
        var expiringApp = access.Control.RegisterApp(new AppSpec
        {
            HomeTenantId = Guid.Parse(tenant),
            Secret = ExpiringSecret,
            SecretExpires = now.AddMinutes(1),
        });
        var certificateApp = access.Control.RegisterApp(new AppSpec
        {
            HomeTenantId = Guid.Parse(tenant),
            Certificate = X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert)),
        });
        access.Control.AdvanceClock(TimeSpan.FromMinutes(2));

        var stored = new List<TenantCredential>
        {
            access.Intake.FromClientSecret(tenant, 1, secretApp.ClientId, RightSecret),
            access.Intake.FromClientSecret(tenant, 2, secretApp.ClientId, WrongSecret),
            access.Intake.FromClientSecret(tenant, 3, expiringApp.ClientId, ExpiringSecret),
            access.Intake.FromPfx(tenant, 4, certificateApp.ClientId, certificate.Export(X509ContentType.Pkcs12, PfxPassword), PfxPassword),
            access.Intake.FromPem(tenant, 5, certificateApp.ClientId, certificate.ExportCertificatePem(), privateKeyPem),
            new SharedAppTenantCredential(6),
        };
        var exceptions = new List<Exception>
        {
            Assert.Throws<CredentialValidationException>(
                () => access.Intake.FromPfx(tenant, 7, certificateApp.ClientId, certificate.Export(X509ContentType.Pkcs12, PfxPassword), WrongPfxPassword)),
            Assert.Throws<CredentialValidationException>(() => access.Intake.FromClientSecret(tenant, 8, "not-a-guid", RightSecret)),
        };
        var results = new List<TenantProbeResult>();
        foreach (var credential in stored)
        {
            results.Add(await access.Probe.ProbeAsync(tenant, credential));
            results.Add(await access.Probe.CheckCredentialAsync(tenant, credential));
            try
            {
                var client = access.Clients.GetClient(tenant, credential);
                await access.DirectoryAudits.ReadFirstPageAsync(client, new TenantAuditGrid.Graph.Reading.AuditWindowQuery(null, null, Top: 5));
            }
            catch (Exception e)
            {
                exceptions.Add(e);
            }
        }

        // The scenario must have exercised both outcomes, or the search below proves little.
        Assert.Contains(results, r => r.TokenIssued);
        Assert.Contains(results, r => r.State == TenantHealthState.CredentialInvalid);
        Assert.Contains(results, r => r.State == TenantHealthState.CredentialExpired);
        Assert.NotEmpty(exceptions.OfType<Graph.Health.GraphAccessException>());
        Assert.NotEmpty(access.Logs.Lines);

        var haystacks = access.Logs.Lines
            .Concat(exceptions.Select(e => e.ToString()))
            .Concat(results.Select(r => JsonSerializer.Serialize(r)))
            .Concat(results.Select(r => r.ToString()))
            .Concat(stored.Select(c => JsonSerializer.Serialize<object>(c)))
            .Concat(stored.Select(c => c.ToString()))
            .ToList();
        var needles = new[] { RightSecret, WrongSecret, ExpiringSecret, PfxPassword, WrongPfxPassword, access.Server.SharedApp.ClientSecret }
            .SelectMany(s => new[] { s, Convert.ToBase64String(Encoding.UTF8.GetBytes(s)), Uri.EscapeDataString(s) })
            .Concat(KeyFragments(privateKeyPem))
            .Distinct()
            .ToList();
        foreach (var needle in needles)
        {
            var leak = haystacks.FirstOrDefault(h => h.Contains(needle, StringComparison.Ordinal));
            Assert.True(leak is null, $"A secret value was found in: {leak?[..Math.Min(leak.Length, 200)]}");
        }
    }

    // Several slices of the key's base64 body: any of them appearing means key material escaped.
    private static IEnumerable<string> KeyFragments(string pem)
    {
        var body = string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).Select(l => l.Trim()));
        for (var offset = 64; offset + 32 <= body.Length; offset += 256)
        {
            yield return body.Substring(offset, 32);
        }
    }
}
