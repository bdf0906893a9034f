using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Clients;
using TenantAuditGrid.Graph.Health;
using TenantAuditGrid.Graph.Tests.Support;
using TenantAuditGrid.GraphEmulator;
using EmulatorLicence = TenantAuditGrid.GraphEmulator.TenantLicence;

namespace TenantAuditGrid.Graph.Tests.Reading;

/// <summary>Beta securityActions through the v1.0 client's adapter, the probe's capability matrix, and the ground truth.</summary>
public sealed class SecurityActionsReaderTests : IAsyncLifetime
{
    private EmulatorGraphAccess access = null!;

    public async Task InitializeAsync() => access = await EmulatorGraphAccess.StartAsync(FrozenOptions.Create(seed: 41));

    public async Task DisposeAsync() => await access.DisposeAsync();

    [Fact]
    public async Task The_shared_app_with_every_permission_is_healthy_on_both_sources_and_may_write_security_actions()
    {
        var tenant = NewTenant();

        var probe = await access.Probe.ProbeAsync(tenant.ToString(), new SharedAppTenantCredential(1));

        Assert.Equal(TenantHealthState.Healthy, probe.State);
        Assert.All(probe.Sources, s => Assert.Equal(TenantHealthState.Healthy, s.State));
        Assert.Equal(new TenantCapabilities(true, true, true, Abstractions.Tenants.TenantLicence.P1, 30), probe.Capabilities);
    }

    [Fact]
    public async Task Read_only_security_permission_reads_but_may_not_write()
    {
        var tenant = NewTenant();
        access.Control.Grant(tenant, access.Server.SharedApp.ClientId,
            [GraphRoles.AuditLogReadAll, GraphRoles.DirectoryReadAll, GraphRoles.SecurityActionsReadAll]);

        var probe = await access.Probe.ProbeAsync(tenant.ToString(), new SharedAppTenantCredential(1));

        Assert.True(probe.Capabilities.CanReadSecurityActions);
        Assert.False(probe.Capabilities.CanWriteSecurityActions);
    }

    [Fact]
    public async Task Without_a_security_permission_only_that_source_is_PermissionMissing()
    {
        var tenant = NewTenant();
        access.Control.Grant(tenant, access.Server.SharedApp.ClientId, [GraphRoles.AuditLogReadAll, GraphRoles.DirectoryReadAll]);

        var probe = await access.Probe.ProbeAsync(tenant.ToString(), new SharedAppTenantCredential(1));

        Assert.Equal(TenantHealthState.PermissionMissing, probe.State);
        Assert.Equal(TenantHealthState.Healthy, probe.For(AuditSource.DirectoryAudits)!.State);
        Assert.Equal([GraphPermissions.SecurityActionsReadAll], probe.For(AuditSource.SecurityActions)!.MissingPermissions);
        Assert.True(probe.Capabilities.CanReadDirectoryAudits);
        Assert.False(probe.Capabilities.CanReadSecurityActions);
    }

    [Fact]
    public async Task Reading_every_page_returns_exactly_the_tenants_security_actions_and_one_can_be_read_by_id()
    {
        var tenant = NewTenant();
        var client = access.Clients.GetClient(tenant.ToString(), new SharedAppTenantCredential(1));
        for (var i = 0; i < 3; i++)
        {
            await CreateActionAsync(client, $"10.0.0.{i + 1}");
        }

        var truth = access.Control.SecurityActions(tenant);
        var ids = new List<string>();
        var page = await access.SecurityActions.ReadFirstPageAsync(client, top: 2);
        ids.AddRange(page.Items.Select(i => i.GetProperty("id").GetString()!));
        while (page.NextLink is { } next)
        {
            page = await access.SecurityActions.ReadNextPageAsync(client, next);
            ids.AddRange(page.Items.Select(i => i.GetProperty("id").GetString()!));
        }

        var one = await access.SecurityActions.ReadActionAsync(client, truth[0].Id);
        var missing = await access.SecurityActions.ReadActionAsync(client, "no-such-action");

        Assert.Equal(3, truth.Count);
        Assert.Equal(truth.Select(t => t.Id).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Equal(truth[0].Id, one!.Value.GetProperty("id").GetString());
        Assert.Equal(truth[0].Status, one.Value.GetProperty("status").GetString(), ignoreCase: true);
        Assert.Null(missing);
    }

    [Fact]
    public async Task A_security_actions_read_with_a_revoked_permission_is_Forbidden_naming_it()
    {
        var tenant = NewTenant();
        var client = access.Clients.GetClient(tenant.ToString(), new SharedAppTenantCredential(1));
        await client.GetTokenAsync(CancellationToken.None);
        access.Control.RevokeRole(tenant, access.Server.SharedApp.ClientId, GraphRoles.SecurityActionsReadWriteAll);

        var error = await Assert.ThrowsAsync<GraphAccessException>(() => access.SecurityActions.ReadFirstPageAsync(client));

        Assert.Equal(GraphFailureKind.Forbidden, error.Failure.Kind);
        Assert.Equal(TenantHealthState.PermissionMissing, error.Failure.HealthState);
        Assert.Equal([GraphPermissions.SecurityActionsReadAll], error.Failure.MissingPermissions);
    }

    private Guid NewTenant() => access.Control.CreateTenant(new TenantSpec { Licence = EmulatorLicence.P1, EventsPerDay = 10 }).Id;

    // Test setup only: TenantAuditGrid's write path for security actions belongs to the campaign work, not to this layer.
    private async Task CreateActionAsync(TenantGraphClient client, string ip)
    {
        var token = (await client.GetTokenAsync(CancellationToken.None)).Token;
        using var http = new HttpClient(access.Server.CreatePinnedHandler());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(client.BetaBaseUrl, "security/securityActions"))
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new
                {
                    name = "BlockIp",
                    actionReason = "test",
                    parameters = new[] { new { name = "IP", value = ip } },
                    vendorInformation = new { provider = "Windows Defender ATP", vendor = "Microsoft" },
                }),
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
