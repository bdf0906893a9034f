using System.Net;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.GraphEmulator.Tests;

/// <summary><c>GET /v1.0/subscribedSkus</c> lists what each licence means in Graph's shape, as the official SDK reads it.</summary>
public sealed class SubscribedSkusTests : IAsyncLifetime
{
    private const string EntraP1Plan = "AAD_PREMIUM";
    private const string EntraP2Plan = "AAD_PREMIUM_P2";
    private GraphEmulatorServer server = null!;

    public async Task InitializeAsync() => server = await GraphEmulatorServer.StartAsync(FrozenEmulator.Options(tenants: 0));

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_free_tenant_lists_only_subscriptions_without_an_entra_premium_plan()
    {
        var skus = await SkusAsync(NewTenant(TenantLicence.Free));

        var only = Assert.Single(skus);
        Assert.Equal("O365_BUSINESS_ESSENTIALS", only.SkuPartNumber);
        Assert.Equal("Enabled", only.CapabilityStatus);
        Assert.DoesNotContain(only.ServicePlans!, p => p.ServicePlanName is EntraP1Plan or EntraP2Plan);
    }

    [Theory]
    [InlineData(TenantLicence.P1, "AAD_PREMIUM", new[] { EntraP1Plan })]
    [InlineData(TenantLicence.P2, "AAD_PREMIUM_P2", new[] { EntraP1Plan, EntraP2Plan })]
    public async Task A_premium_tenant_lists_its_entra_sku_enabled_with_its_plans_provisioned(TenantLicence licence, string partNumber, string[] entraPlans)
    {
        var tenant = NewTenant(licence);

        var entra = Assert.Single(await SkusAsync(tenant), s => s.SkuPartNumber == partNumber);

        Assert.Equal("Enabled", entra.CapabilityStatus);
        Assert.Equal(tenant.ToString(), entra.AccountId);
        Assert.Equal($"{tenant}_{entra.SkuId}", entra.Id);
        Assert.Equal(entraPlans, entra.ServicePlans!.Select(p => p.ServicePlanName).Where(n => n!.StartsWith("AAD_", StringComparison.Ordinal)));
        Assert.All(entra.ServicePlans!, p => Assert.Equal("Success", p.ProvisioningStatus));
        Assert.Equal(25, entra.PrepaidUnits!.Enabled);
    }

    [Fact]
    public async Task A_downgrade_leaves_the_premium_sku_suspended_and_an_upgrade_enables_it_again()
    {
        var tenant = NewTenant(TenantLicence.P2);

        server.Control.UpdateTenant(tenant, new TenantUpdate { Licence = TenantLicence.Free });
        var lapsed = Assert.Single(await SkusAsync(tenant), s => s.SkuPartNumber == "AAD_PREMIUM_P2");

        Assert.Equal("Suspended", lapsed.CapabilityStatus);
        Assert.All(lapsed.ServicePlans!, p => Assert.Equal("Disabled", p.ProvisioningStatus));
        Assert.Equal(0, lapsed.PrepaidUnits!.Enabled);
        Assert.Equal(25, lapsed.PrepaidUnits.Suspended);

        server.Control.UpdateTenant(tenant, new TenantUpdate { Licence = TenantLicence.P1 });
        var skus = await SkusAsync(tenant);
        Assert.DoesNotContain(skus, s => s.SkuPartNumber == "AAD_PREMIUM_P2");
        Assert.Equal("Enabled", Assert.Single(skus, s => s.SkuPartNumber == "AAD_PREMIUM").CapabilityStatus);
    }

    [Theory]
    [InlineData(GraphRoles.LicenseAssignmentReadAll)]
    [InlineData(GraphRoles.OrganizationReadAll)]
    [InlineData(GraphRoles.DirectoryReadAll)]
    public async Task Any_permission_graph_documents_for_the_call_reads_it(string role)
    {
        var tenant = NewTenant(TenantLicence.P1);
        server.Control.Grant(tenant, server.SharedApp.ClientId, [role]);

        Assert.Equal(2, (await SkusAsync(tenant)).Count);
    }

    [Fact]
    public async Task Without_a_permission_that_reads_licences_it_is_403_Authorization_RequestDenied()
    {
        var tenant = NewTenant(TenantLicence.P1);
        server.Control.Grant(tenant, server.SharedApp.ClientId, [GraphRoles.AuditLogReadAll, GraphRoles.SecurityActionsReadAll]);

        var error = await Assert.ThrowsAsync<ODataError>(() => SkusAsync(tenant));

        Assert.Equal(403, error.ResponseStatusCode);
        Assert.Equal("Authorization_RequestDenied", error.Error!.Code);
    }

    [Fact]
    public async Task A_tenant_set_to_refuse_the_licence_read_answers_403_while_its_audit_log_stays_readable()
    {
        var tenant = server.Control.CreateTenant(new TenantSpec { Licence = TenantLicence.P1, LicenceReadRefused = true }).Id;
        using var graph = await GraphRaw.ForAsync(server, tenant);

        var (refused, body) = await graph.GetAsync("v1.0/subscribedSkus");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Authorization_RequestDenied", GraphRaw.ErrorCode(body));
        Assert.Equal(HttpStatusCode.OK, (await graph.GetAsync("v1.0/auditLogs/directoryAudits?$top=1")).Response.StatusCode);
        Assert.True(server.Control.Tenant(tenant).LicenceReadRefused);

        server.Control.UpdateTenant(tenant, new TenantUpdate { LicenceReadRefused = false });
        Assert.Equal(HttpStatusCode.OK, (await graph.GetAsync("v1.0/subscribedSkus")).Response.StatusCode);
    }

    private Guid NewTenant(TenantLicence licence) => server.Control.CreateTenant(new TenantSpec { Licence = licence }).Id;

    private async Task<List<SubscribedSku>> SkusAsync(Guid tenant)
    {
        var graph = EmulatorClients.GraphClient(server, EmulatorClients.SharedAppCredential(server, tenant));
        return (await graph.SubscribedSkus.GetAsync())!.Value!;
    }
}
