using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Health;
using TenantAuditGrid.Graph.Tests.Support;
using TenantAuditGrid.GraphEmulator;
using EmulatorLicence = TenantAuditGrid.GraphEmulator.TenantLicence;

namespace TenantAuditGrid.Graph.Tests.Health;

/// <summary>Every way Entra's token endpoint refuses a client-credentials request ends up as the right typed state.</summary>
public sealed class TokenFailureProbeTests : IAsyncLifetime
{
    private EmulatorGraphAccess access = null!;

    public async Task InitializeAsync() => access = await EmulatorGraphAccess.StartAsync(new EmulatorOptions
    {
        TenantCount = 0,
        Seed = 11,
        Activity = { MeanEventsPerDay = 20 },
        Throttling = { Enabled = false },
    });

    public async Task DisposeAsync() => await access.DisposeAsync();

    [Fact]
    public async Task A_wrong_client_secret_is_CredentialInvalid_from_AADSTS7000215()
    {
        var (tenant, app) = TenantWithApp("right-secret-value-1");

        var result = await ProbeWithSecretAsync(tenant, app.ClientId, "wrong-secret-value-1");

        AssertEverySource(result, TenantHealthState.CredentialInvalid, "AADSTS7000215");
        Assert.False(result.TokenIssued);
        Assert.Equal(TenantCapabilities.None, result.Capabilities);
    }

    [Fact]
    public async Task An_expired_client_secret_is_CredentialExpired_from_AADSTS7000222()
    {
        var tenant = NewTenant();
        var app = access.Control.RegisterApp(new AppSpec
        {
            HomeTenantId = tenant,
            Secret = "expiring-secret-value-2",
            SecretExpires = access.Control.Now.AddHours(1),
            Roles = [GraphRoles.AuditLogReadAll, GraphRoles.DirectoryReadAll],
        });
        access.Control.AdvanceClock(TimeSpan.FromHours(2));

        var result = await ProbeWithSecretAsync(tenant, app.ClientId, "expiring-secret-value-2");

        AssertEverySource(result, TenantHealthState.CredentialExpired, "AADSTS7000222");
    }

    [Fact]
    public async Task A_secret_that_expires_mid_run_goes_from_expiring_soon_to_expired_even_with_a_cached_token()
    {
        var tenant = NewTenant();
        var expires = access.Control.Now.AddHours(3);
        var app = access.Control.RegisterApp(new AppSpec
        {
            HomeTenantId = tenant,
            Secret = "mid-run-secret-value-5",
            SecretExpires = expires,
            Roles = [GraphRoles.AuditLogReadAll, GraphRoles.DirectoryReadAll],
        });
        var credential = access.Intake.FromClientSecret(tenant.ToString(), 1, app.ClientId, "mid-run-secret-value-5", expires);
        var sources = new[] { AuditSource.DirectoryAudits };

        var before = await access.Probe.ProbeAsync(tenant.ToString(), credential, sources);
        // Past the secret's expiry and the token's lifetime: the cached token is refused by Graph, and a new one by Entra.
        access.Control.AdvanceClock(TimeSpan.FromHours(4));
        var after = await access.Probe.ProbeAsync(tenant.ToString(), credential, sources);

        Assert.Equal(TenantHealthState.CredentialExpiringSoon, before.State);
        Assert.True(before.Capabilities.CanReadDirectoryAudits);
        Assert.Equal(TenantHealthState.CredentialExpired, after.State);
        Assert.Equal("AADSTS7000222", after.Sources[0].LastErrorCode);
        Assert.False(after.Capabilities.CanReadDirectoryAudits);
        Assert.False(after.TokenIssued);
    }

    [Fact]
    public async Task An_app_unknown_in_the_tenant_is_AppNotFound_from_AADSTS700016()
    {
        var tenant = NewTenant();

        var result = await ProbeWithSecretAsync(tenant, Guid.NewGuid().ToString(), "any-secret-value-3");

        AssertEverySource(result, TenantHealthState.AppNotFound, "AADSTS700016");
    }

    [Fact]
    public async Task A_multi_tenant_app_without_a_service_principal_is_ConsentRequired_from_AADSTS7000229()
    {
        var tenant = NewTenant();
        var app = access.Control.RegisterApp(new AppSpec { Secret = "multi-tenant-secret-4", Roles = [GraphRoles.AuditLogReadAll, GraphRoles.DirectoryReadAll] });

        var result = await ProbeWithSecretAsync(tenant, app.ClientId, "multi-tenant-secret-4");

        AssertEverySource(result, TenantHealthState.ConsentRequired, "AADSTS7000229");
        Assert.Contains("admin consent", result.Sources[0].Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consent_withdrawn_for_the_shared_app_is_ConsentRequired_from_AADSTS65001()
    {
        var tenant = NewTenant();
        access.Control.RequireConsent(tenant, access.Server.SharedApp.ClientId);

        var result = await access.Probe.ProbeAsync(tenant.ToString(), new SharedAppTenantCredential(1));

        AssertEverySource(result, TenantHealthState.ConsentRequired, "AADSTS65001");
    }

    [Fact]
    public async Task An_unknown_tenant_is_TenantNotFound_from_AADSTS90002()
    {
        var result = await access.Probe.ProbeAsync(Guid.NewGuid().ToString(), new SharedAppTenantCredential(1));

        AssertEverySource(result, TenantHealthState.TenantNotFound, "AADSTS90002");
        Assert.Contains("tenant id", result.Sources[0].Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_endpoint_nobody_answers_is_Unreachable()
    {
        var closedPort = TenantAuditGrid.Testing.FreePort.Next();
        await using var unreachable = await EmulatorGraphAccess.StartAsync(
            new EmulatorOptions { TenantCount = 0 },
            settings =>
            {
                settings["TenantAuditGrid:Graph:AuthorityHost"] = $"https://127.0.0.1:{closedPort}/";
                settings["TenantAuditGrid:Graph:GraphBaseAddress"] = $"https://127.0.0.1:{closedPort}/";
            });

        var result = await unreachable.Probe.ProbeAsync(Guid.NewGuid().ToString(), new SharedAppTenantCredential(1));

        AssertEverySource(result, TenantHealthState.Unreachable, "network");
    }

    [Fact]
    public async Task A_token_without_roles_is_ConsentRequired_and_names_what_each_source_needs()
    {
        var tenant = NewTenant();
        access.Control.Grant(tenant, access.Server.SharedApp.ClientId, roles: []);

        var result = await access.Probe.ProbeAsync(tenant.ToString(), new SharedAppTenantCredential(1));

        AssertEverySource(result, TenantHealthState.ConsentRequired, "no_roles_in_token");
        Assert.True(result.TokenIssued);
        Assert.Empty(result.GrantedRoles);
        Assert.Equal([GraphPermissions.AuditLogReadAll, GraphPermissions.DirectoryReadAll], result.For(AuditSource.DirectoryAudits)!.MissingPermissions);
        Assert.Equal([GraphPermissions.SecurityActionsReadAll], result.For(AuditSource.SecurityActions)!.MissingPermissions);
    }

    [Fact]
    public async Task A_token_without_AuditLog_Read_All_is_PermissionMissing_naming_it()
    {
        var tenant = NewTenant();
        access.Control.Grant(tenant, access.Server.SharedApp.ClientId, roles: [GraphRoles.DirectoryReadAll]);

        var result = await access.Probe.ProbeAsync(tenant.ToString(), new SharedAppTenantCredential(1));

        var directory = result.For(AuditSource.DirectoryAudits)!;
        Assert.Equal(TenantHealthState.PermissionMissing, directory.State);
        Assert.Equal([GraphPermissions.AuditLogReadAll], directory.MissingPermissions);
        Assert.Contains(GraphPermissions.AuditLogReadAll, directory.Remediation, StringComparison.Ordinal);
        Assert.Equal(TenantHealthState.PermissionMissing, result.State);
        Assert.False(result.Capabilities.CanReadDirectoryAudits);
    }

    private Guid NewTenant() =>
        access.Control.CreateTenant(new TenantSpec { Licence = EmulatorLicence.P1, EventsPerDay = 20 }).Id;

    private (Guid Tenant, AppInfo App) TenantWithApp(string secret)
    {
        var tenant = NewTenant();
        var app = access.Control.RegisterApp(new AppSpec
        {
            HomeTenantId = tenant,
            Secret = secret,
            Roles = [GraphRoles.AuditLogReadAll, GraphRoles.DirectoryReadAll],
        });
        return (tenant, app);
    }

    private Task<TenantProbeResult> ProbeWithSecretAsync(Guid tenant, string clientId, string secret)
    {
        var credential = access.Intake.FromClientSecret(tenant.ToString(), 1, clientId, secret);
        return access.Probe.ProbeAsync(tenant.ToString(), credential);
    }

    private static void AssertEverySource(TenantProbeResult result, TenantHealthState state, string code)
    {
        Assert.Equal(state, result.State);
        Assert.Equal(TenantProbe.AllSources, result.Sources.Select(s => s.Source));
        Assert.All(result.Sources, source =>
        {
            Assert.Equal(state, source.State);
            Assert.Equal(code, source.LastErrorCode);
            Assert.False(string.IsNullOrWhiteSpace(source.Remediation));
        });
    }
}
