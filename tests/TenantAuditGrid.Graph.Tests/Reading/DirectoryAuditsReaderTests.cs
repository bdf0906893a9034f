using System.Text.Json;
using TenantAuditGrid.Graph.Health;
using TenantAuditGrid.Graph.Reading;
using TenantAuditGrid.Graph.Tests.Support;
using TenantAuditGrid.GraphEmulator;
using EmulatorLicence = TenantAuditGrid.GraphEmulator.TenantLicence;

namespace TenantAuditGrid.Graph.Tests.Reading;

/// <summary>The raw page reader against the emulator's ground truth: every event once, windows that partition, failures typed.</summary>
public sealed class DirectoryAuditsReaderTests : IAsyncLifetime
{
    private static readonly TimeSpan SkipTokenLifetime = new EmulatorOptions().SkipTokenLifetime;
    private EmulatorGraphAccess access = null!;

    public async Task InitializeAsync() => access = await EmulatorGraphAccess.StartAsync(FrozenOptions.Create(seed: 21));

    public async Task DisposeAsync() => await access.DisposeAsync();

    [Fact]
    public async Task Following_next_links_returns_every_visible_event_of_the_tenant_exactly_once_newest_first()
    {
        var tenant = NewTenant(eventsPerDay: 150);
        var truth = access.Control.VisibleAuditEvents(tenant);
        var client = access.Clients.GetClient(tenant.ToString(), new Abstractions.Tenants.SharedAppTenantCredential(1));

        var items = new List<JsonElement>();
        var pages = 0;
        var page = await access.DirectoryAudits.ReadFirstPageAsync(client, new AuditWindowQuery(null, null, Top: 999));
        while (true)
        {
            pages++;
            items.AddRange(page.Items);
            if (page.NextLink is not { } next)
            {
                break;
            }

            page = await access.DirectoryAudits.ReadNextPageAsync(client, next);
        }

        var ids = items.Select(i => i.GetProperty("id").GetString()!).ToList();
        Assert.True(truth.Count > 2 * 999, $"the tenant should need several pages, has {truth.Count} events");
        Assert.True(pages >= 3);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(truth.Ids.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        var times = items.Select(i => i.GetProperty("activityDateTime").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.True(items[0].TryGetProperty("initiatedBy", out _), "the item is the full Graph payload");
    }

    [Fact]
    public async Task Adjacent_half_open_windows_split_at_an_events_exact_time_partition_the_events()
    {
        var tenant = NewTenant(eventsPerDay: 60);
        var details = access.Control.VisibleAuditEventDetails(tenant);
        var split = details[details.Count / 2];
        var client = access.Clients.GetClient(tenant.ToString(), new Abstractions.Tenants.SharedAppTenantCredential(1));
        var start = access.Control.Now.AddDays(-31);
        var end = access.Control.Now.AddMinutes(1);

        var older = await ReadAllAsync(client, new AuditWindowQuery(start, split.ActivityDateTime, Order: AuditOrder.OldestFirst));
        var newer = await ReadAllAsync(client, new AuditWindowQuery(split.ActivityDateTime, end, Order: AuditOrder.OldestFirst));

        Assert.DoesNotContain(split.Id, older);
        Assert.Contains(split.Id, newer);
        Assert.Empty(older.Intersect(newer));
        Assert.Equal(details.Select(d => d.Id).Order(StringComparer.Ordinal), older.Concat(newer).Order(StringComparer.Ordinal));
        Assert.All(details.Where(d => d.ActivityDateTime < split.ActivityDateTime), d => Assert.Contains(d.Id, older));
    }

    [Fact]
    public async Task An_expired_skiptoken_surfaces_as_BadRequest_that_says_nothing_about_the_tenants_health()
    {
        var tenant = NewTenant(eventsPerDay: 20);
        var client = access.Clients.GetClient(tenant.ToString(), new Abstractions.Tenants.SharedAppTenantCredential(1));
        var first = await access.DirectoryAudits.ReadFirstPageAsync(client, new AuditWindowQuery(null, null, Top: 5));

        access.Control.AdvanceClock(SkipTokenLifetime + TimeSpan.FromMinutes(1));
        var expired = await Assert.ThrowsAsync<GraphAccessException>(() => access.DirectoryAudits.ReadNextPageAsync(client, first.NextLink!));

        Assert.Equal(GraphFailureKind.BadRequest, expired.Failure.Kind);
        Assert.Equal(400, expired.Failure.HttpStatus);
        Assert.Null(expired.Failure.HealthState);
    }

    [Fact]
    public async Task A_next_link_to_another_host_is_refused_before_anything_is_sent()
    {
        var tenant = NewTenant(eventsPerDay: 5);
        var client = access.Clients.GetClient(tenant.ToString(), new Abstractions.Tenants.SharedAppTenantCredential(1));

        await Assert.ThrowsAsync<ArgumentException>(
            () => access.DirectoryAudits.ReadNextPageAsync(client, "https://attacker.example/v1.0/auditLogs/directoryAudits?$skiptoken=x"));
        await Assert.ThrowsAsync<ArgumentException>(() => access.DirectoryAudits.ReadNextPageAsync(client, "/v1.0/auditLogs/directoryAudits"));
    }

    [Fact]
    public async Task A_permission_revoked_after_the_token_was_issued_is_PermissionMissing_from_Graphs_403()
    {
        var tenant = NewTenant(eventsPerDay: 5);
        var credential = new Abstractions.Tenants.SharedAppTenantCredential(1);
        var client = access.Clients.GetClient(tenant.ToString(), credential);
        await access.DirectoryAudits.ReadFirstPageAsync(client, new AuditWindowQuery(null, null, Top: 1));

        access.Control.RevokeRole(tenant, access.Server.SharedApp.ClientId, GraphRoles.AuditLogReadAll);
        var read = await Assert.ThrowsAsync<GraphAccessException>(
            () => access.DirectoryAudits.ReadFirstPageAsync(client, new AuditWindowQuery(null, null, Top: 1)));
        var probe = await access.Probe.ProbeAsync(tenant.ToString(), credential, [Abstractions.Tenants.AuditSource.DirectoryAudits]);

        Assert.Equal(GraphFailureKind.Forbidden, read.Failure.Kind);
        Assert.Equal(GraphErrorCodes.PermissionMissing, read.Failure.ErrorCode);
        Assert.Contains(GraphPermissions.AuditLogReadAll, probe.GrantedRoles);
        Assert.Equal(Abstractions.Tenants.TenantHealthState.PermissionMissing, probe.State);
        Assert.Equal(GraphErrorCodes.PermissionMissing, probe.Sources[0].LastErrorCode);
        Assert.Equal([GraphPermissions.AuditLogReadAll], probe.Sources[0].MissingPermissions);
    }

    [Fact]
    public async Task Directory_Read_All_revoked_mid_run_is_PermissionMissing_naming_it()
    {
        var tenant = NewTenant(eventsPerDay: 5);
        var credential = new Abstractions.Tenants.SharedAppTenantCredential(1);
        access.Clients.GetClient(tenant.ToString(), credential);
        await access.Clients.GetClient(tenant.ToString(), credential).GetTokenAsync(CancellationToken.None);

        access.Control.RevokeRole(tenant, access.Server.SharedApp.ClientId, GraphRoles.DirectoryReadAll);
        var probe = await access.Probe.ProbeAsync(tenant.ToString(), credential, [Abstractions.Tenants.AuditSource.DirectoryAudits]);

        Assert.Equal(Abstractions.Tenants.TenantHealthState.PermissionMissing, probe.State);
        Assert.Equal([GraphPermissions.DirectoryReadAll], probe.Sources[0].MissingPermissions);
    }

    [Fact]
    public async Task Tokens_revoked_by_Graph_surface_as_TokenRejected_and_the_probe_recovers_with_a_fresh_token()
    {
        var tenant = NewTenant(eventsPerDay: 5);
        var credential = new Abstractions.Tenants.SharedAppTenantCredential(1);
        var client = access.Clients.GetClient(tenant.ToString(), credential);
        await access.DirectoryAudits.ReadFirstPageAsync(client, new AuditWindowQuery(null, null, Top: 1));

        // Token times are whole seconds; on the frozen clock the revocation must be a second later to cover the token.
        access.Control.AdvanceClock(TimeSpan.FromSeconds(1));
        access.Control.ExpireTokens(tenant);
        var read = await Assert.ThrowsAsync<GraphAccessException>(
            () => access.DirectoryAudits.ReadFirstPageAsync(client, new AuditWindowQuery(null, null, Top: 1)));
        var probe = await access.Probe.ProbeAsync(tenant.ToString(), credential, [Abstractions.Tenants.AuditSource.DirectoryAudits]);

        Assert.Equal(GraphFailureKind.TokenRejected, read.Failure.Kind);
        Assert.Equal(GraphErrorCodes.InvalidAuthenticationToken, read.Failure.ErrorCode);
        Assert.True(probe.Capabilities.CanReadDirectoryAudits, probe.Sources[0].LastErrorCode);
        Assert.Equal(Abstractions.Tenants.TenantLicence.P1, probe.Capabilities.Licence);
        Assert.NotSame(client, access.Clients.GetClient(tenant.ToString(), credential));
    }

    [Fact]
    public async Task Server_errors_surface_as_transient_ServerError_and_the_probe_says_Unreachable()
    {
        var tenant = NewTenant(eventsPerDay: 5);
        var credential = new Abstractions.Tenants.SharedAppTenantCredential(1);
        var client = access.Clients.GetClient(tenant.ToString(), credential);
        await client.GetTokenAsync(CancellationToken.None);
        var before = access.Control.Faults;
        access.Control.Faults = before with { ServerErrorRate = 1 };
        try
        {
            var read = await Assert.ThrowsAsync<GraphAccessException>(
                () => access.DirectoryAudits.ReadFirstPageAsync(client, new AuditWindowQuery(null, null, Top: 1)));
            var probe = await access.Probe.ProbeAsync(tenant.ToString(), credential, [Abstractions.Tenants.AuditSource.DirectoryAudits]);

            Assert.Equal(GraphFailureKind.ServerError, read.Failure.Kind);
            Assert.True(read.Failure.IsTransient);
            Assert.Contains(read.Failure.HttpStatus, new int?[] { 500, 503, 504 });
            Assert.Equal(Abstractions.Tenants.TenantHealthState.Unreachable, probe.State);
        }
        finally
        {
            access.Control.Faults = before;
        }
    }

    [Fact]
    public async Task A_healthy_premium_tenant_reports_readable_directory_audits_and_30_days_retention()
    {
        var tenant = NewTenant(eventsPerDay: 20, EmulatorLicence.P2);

        var probe = await access.Probe.ProbeAsync(tenant.ToString(), new Abstractions.Tenants.SharedAppTenantCredential(1), [Abstractions.Tenants.AuditSource.DirectoryAudits]);

        Assert.Equal(Abstractions.Tenants.TenantHealthState.Healthy, probe.State);
        Assert.True(probe.TokenIssued);
        Assert.True(probe.Capabilities.CanReadDirectoryAudits);
        Assert.Equal(Abstractions.Tenants.TenantLicence.P2, probe.Capabilities.Licence);
        Assert.Equal(30, probe.Capabilities.RetentionDays);
        Assert.Equal(string.Empty, probe.Sources[0].Remediation);
    }

    private Guid NewTenant(double eventsPerDay, EmulatorLicence licence = EmulatorLicence.P1) =>
        access.Control.CreateTenant(new TenantSpec { Licence = licence, EventsPerDay = eventsPerDay }).Id;

    private async Task<List<string>> ReadAllAsync(TenantAuditGrid.Graph.Clients.TenantGraphClient client, AuditWindowQuery query)
    {
        var ids = new List<string>();
        var page = await access.DirectoryAudits.ReadFirstPageAsync(client, query);
        ids.AddRange(page.Items.Select(i => i.GetProperty("id").GetString()!));
        while (page.NextLink is { } next)
        {
            page = await access.DirectoryAudits.ReadNextPageAsync(client, next);
            ids.AddRange(page.Items.Select(i => i.GetProperty("id").GetString()!));
        }

        return ids;
    }
}
