using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Tests.Support;
using TenantAuditGrid.GraphEmulator;
using EmulatorLicence = TenantAuditGrid.GraphEmulator.TenantLicence;

namespace TenantAuditGrid.Graph.Tests.Clients;

/// <summary>TLS trust is the platform's unless one certificate is pinned; cached clients survive a rejected rotation candidate.</summary>
public sealed class ClientFactoryTests : IAsyncLifetime
{
    private EmulatorGraphAccess access = null!;

    public async Task InitializeAsync() => access = await EmulatorGraphAccess.StartAsync(FrozenOptions.Create(seed: 51));

    public async Task DisposeAsync() => await access.DisposeAsync();

    [Fact]
    public async Task Without_a_trusted_certificate_the_emulators_self_signed_certificate_is_refused()
    {
        var tenant = NewTenant();
        await using var untrusting = await EmulatorGraphAccess.StartAsync(FrozenOptions.Create(seed: 52), settings =>
        {
            settings["TenantAuditGrid:Graph:AuthorityHost"] = access.Server.BaseAddress.ToString();
            settings["TenantAuditGrid:Graph:GraphBaseAddress"] = access.Server.BaseAddress.ToString();
            settings["TenantAuditGrid:Graph:TrustedCertificateThumbprint"] = null;
            settings["TenantAuditGrid:SharedApp:ClientId"] = access.Server.SharedApp.ClientId;
            settings["TenantAuditGrid:SharedApp:ClientSecret"] = access.Server.SharedApp.ClientSecret;
        });

        var result = await untrusting.Probe.ProbeAsync(tenant, new SharedAppTenantCredential(1), [AuditSource.DirectoryAudits]);

        Assert.Equal(TenantHealthState.Unreachable, result.State);
        Assert.Equal("network", result.Sources[0].LastErrorCode);
    }

    [Fact]
    public async Task A_trusted_certificate_file_works_like_a_pinned_thumbprint()
    {
        var tenant = NewTenant();
        var file = Path.Combine(Path.GetTempPath(), $"tag-emulator-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(file, access.Server.CertificatePem());
        try
        {
            await using var byFile = await EmulatorGraphAccess.StartAsync(FrozenOptions.Create(seed: 53), settings =>
            {
                settings["TenantAuditGrid:Graph:AuthorityHost"] = access.Server.BaseAddress.ToString();
                settings["TenantAuditGrid:Graph:GraphBaseAddress"] = access.Server.BaseAddress.ToString();
                settings["TenantAuditGrid:Graph:TrustedCertificateThumbprint"] = null;
                settings["TenantAuditGrid:Graph:TrustedCertificateFile"] = file;
                settings["TenantAuditGrid:SharedApp:ClientId"] = access.Server.SharedApp.ClientId;
                settings["TenantAuditGrid:SharedApp:ClientSecret"] = access.Server.SharedApp.ClientSecret;
            });

            var result = await byFile.Probe.ProbeAsync(tenant, new SharedAppTenantCredential(1), [AuditSource.DirectoryAudits]);

            Assert.True(result.Capabilities.CanReadDirectoryAudits, result.Sources[0].LastErrorCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_rejected_rotation_candidate_leaves_the_working_cached_client_in_place()
    {
        var tenant = NewTenant();
        var app = access.Control.RegisterApp(new AppSpec
        {
            HomeTenantId = Guid.Parse(tenant),
            Secret = "current-secret-value-7",
            Roles = [GraphRoles.AuditLogReadAll, GraphRoles.DirectoryReadAll],
        });
        var current = access.Intake.FromClientSecret(tenant, 1, app.ClientId, "current-secret-value-7");
        var candidate = access.Intake.FromClientSecret(tenant, 2, app.ClientId, "mistyped-secret-value-7");
        var before = access.Clients.GetClient(tenant, current);

        var check = await access.Probe.CheckCredentialAsync(tenant, candidate, [AuditSource.DirectoryAudits]);
        var after = await access.Probe.ProbeAsync(tenant, current, [AuditSource.DirectoryAudits]);

        Assert.False(check.TokenIssued);
        Assert.Equal(TenantHealthState.CredentialInvalid, check.State);
        Assert.Same(before, access.Clients.GetClient(tenant, current));
        Assert.True(after.Capabilities.CanReadDirectoryAudits);
        Assert.NotSame(before, access.Clients.GetClient(tenant, current with { Version = 3 }));
    }

    private string NewTenant() => access.Control.CreateTenant(new TenantSpec { Licence = EmulatorLicence.P1, EventsPerDay = 10 }).Id.ToString();
}
