using Microsoft.Extensions.DependencyInjection;
using TenantAuditGrid.Abstractions.Sync;
using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Grains.Tests.Support;
using TenantAuditGrid.Graph.Credentials;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Store;
using TenantAuditGrid.Testing;
using TenantUpdate = TenantAuditGrid.Abstractions.Tenants.TenantUpdate;

namespace TenantAuditGrid.Grains.Tests.Tenants;

/// <summary>
/// <see cref="ITenantGrain"/>'s commands and state transitions in a real silo, probing emulated tenants over HTTPS. What the grain says
/// is checked against what the emulator holds (consent, app secrets, events) and against what it published: the status row and the
/// sync grains it starts and stops.
/// </summary>
public sealed class TenantGrainTests(TenantGrainTests.SiloFixture fixture) : IClassFixture<TenantGrainTests.SiloFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private GrainWorld World => fixture.Silo;

    private EmulatorControl Emulator => World.Emulator.Control;

    [Fact]
    public async Task Onboarding_a_consented_tenant_probes_it_publishes_its_status_and_starts_its_sync()
    {
        var tenant = Emulator.CreateTenant(new TenantSpec { DisplayName = "Contoso" });
        var grain = Grain(tenant);

        var result = await grain.OnboardAsync(Registration("Contoso", new SharedAppTenantCredential(1)), probeNow: true);

        Assert.Equal(TenantCommandOutcome.Ok, result.Outcome);
        var view = result.Tenant!;
        Assert.Equal(TenantHealthState.Healthy, view.State);
        Assert.Equal([AuditSource.DirectoryAudits], view.Health.Select(h => h.Source));
        Assert.NotNull(view.LastProbedAt);
        var row = await StatusRowAsync(tenant);
        Assert.Equal(("Contoso", "healthy"), (row!.DisplayName, row.HealthState));
        Assert.Equal(["gold"], row.Tags);
        await Waits.UntilAsync(async () => await SyncStateAsync(tenant) != SyncRunState.Stopped, Limit, "the tenant's sync to start");
    }

    [Fact]
    public async Task Onboarding_twice_is_refused_and_keeps_the_first_registration()
    {
        var tenant = Emulator.CreateTenant();
        var grain = Grain(tenant);
        await grain.OnboardAsync(Registration("First", new SharedAppTenantCredential(1)), probeNow: true);

        var again = await grain.OnboardAsync(Registration("Second", new SharedAppTenantCredential(1)), probeNow: true);

        Assert.Equal(TenantCommandOutcome.AlreadyOnboarded, again.Outcome);
        Assert.Null(again.Tenant);
        Assert.Equal("First", (await grain.GetAsync())!.DisplayName);
        Assert.Equal("First", (await StatusRowAsync(tenant))!.DisplayName);
    }

    [Fact]
    public async Task Every_command_for_a_tenant_never_onboarded_answers_not_found_and_publishes_nothing()
    {
        var tenant = Emulator.CreateTenant();
        var grain = Grain(tenant);

        Assert.Null(await grain.GetAsync());
        Assert.Equal(TenantCommandOutcome.NotFound, (await grain.UpdateAsync(new TenantUpdate("x", null, null, true))).Outcome);
        Assert.Equal(TenantCommandOutcome.NotFound, (await grain.RotateCredentialAsync(new SharedAppTenantCredential(0))).Outcome);
        Assert.Equal(TenantCommandOutcome.NotFound, (await grain.ProbeAsync()).Outcome);
        Assert.Equal(TenantCommandOutcome.NotFound, (await grain.RecordConsentAsync(new ConsentOutcome(true, null, null))).Outcome);
        Assert.Equal(TenantCommandOutcome.NotFound, (await grain.OffboardAsync(purgeEvents: true)).Outcome);
        Assert.Equal(CredentialKeyOutcome.NotOnboarded, await grain.ReEncryptCredentialAsync());
        Assert.Null(await StatusRowAsync(tenant));
        Assert.Equal(SyncRunState.Stopped, await SyncStateAsync(tenant));
    }

    [Fact]
    public async Task Without_consent_the_tenant_waits_in_consent_required_with_sync_stopped_until_consent_is_granted()
    {
        var tenant = Emulator.CreateTenant(new TenantSpec { ConsentSharedApp = false });
        var grain = Grain(tenant);

        var onboarded = await grain.OnboardAsync(Registration("Fabrikam", new SharedAppTenantCredential(1)), probeNow: true);

        Assert.Equal(TenantHealthState.ConsentRequired, onboarded.Tenant!.State);
        Assert.Equal("consentRequired", (await StatusRowAsync(tenant))!.HealthState);
        Assert.Equal(SyncRunState.Stopped, await SyncStateAsync(tenant));

        Emulator.Grant(tenant.Id, World.Emulator.SharedApp.ClientId);
        var consented = await grain.RecordConsentAsync(new ConsentOutcome(true, null, null));

        Assert.Equal(TenantHealthState.Healthy, consented.Tenant!.State);
        Assert.Equal("healthy", (await StatusRowAsync(tenant))!.HealthState);
        await Waits.UntilAsync(async () => await SyncStateAsync(tenant) != SyncRunState.Stopped, Limit, "the sync to start after consent");
    }

    [Fact]
    public async Task A_declined_consent_stops_the_sync_and_keeps_entras_error_code()
    {
        var tenant = Emulator.CreateTenant();
        var grain = Grain(tenant);
        await grain.OnboardAsync(Registration("Declines", new SharedAppTenantCredential(1)), probeNow: true);

        var declined = await grain.RecordConsentAsync(new ConsentOutcome(false, "access_denied", "The admin declined"));

        var health = Assert.Single(declined.Tenant!.Health);
        Assert.Equal((TenantHealthState.ConsentRequired, "access_denied"), (health.State, health.LastErrorCode));
        var row = await StatusRowAsync(tenant);
        Assert.Equal(("consentRequired", "access_denied"), (row!.HealthState, row.LastErrorCode));
        await Waits.UntilAsync(async () => await SyncStateAsync(tenant) == SyncRunState.Stopped, Limit, "the sync to stop");
    }

    [Fact]
    public async Task Pausing_shows_disabled_and_stops_the_sync_and_resuming_starts_it_again()
    {
        var tenant = Emulator.CreateTenant();
        var grain = Grain(tenant);
        await grain.OnboardAsync(Registration("Paused", new SharedAppTenantCredential(1)), probeNow: true);
        await Waits.UntilAsync(async () => await SyncStateAsync(tenant) != SyncRunState.Stopped, Limit, "the sync to start");

        var paused = await grain.UpdateAsync(new TenantUpdate(null, null, null, Paused: true));

        Assert.Equal((true, TenantHealthState.Disabled), (paused.Tenant!.Paused, paused.Tenant.State));
        Assert.Equal("disabled", (await StatusRowAsync(tenant))!.HealthState);
        Assert.Equal(SyncRunState.Stopped, await SyncStateAsync(tenant));

        var resumed = await grain.UpdateAsync(new TenantUpdate(null, null, null, Paused: false));

        Assert.Equal(TenantHealthState.Healthy, resumed.Tenant!.State);
        await Waits.UntilAsync(async () => await SyncStateAsync(tenant) != SyncRunState.Stopped, Limit, "the sync to resume");
    }

    [Fact]
    public async Task The_customer_given_at_onboarding_and_moved_by_an_update_is_in_the_view_and_the_status_row()
    {
        var tenant = Emulator.CreateTenant();
        var grain = Grain(tenant);

        var onboarded = await grain.OnboardAsync(Registration("Owned", new SharedAppTenantCredential(1)) with { CustomerId = "contoso" }, probeNow: true);
        var rowBefore = await StatusRowAsync(tenant);
        var renamed = await grain.UpdateAsync(new TenantUpdate("Still owned", null, null, null));
        var moved = await grain.UpdateAsync(new TenantUpdate(null, null, null, null, CustomerId: "fabrikam"));

        Assert.Equal(("contoso", "contoso"), (onboarded.Tenant!.CustomerId, rowBefore!.CustomerId));
        Assert.Equal("contoso", renamed.Tenant!.CustomerId);
        Assert.Equal(("fabrikam", "fabrikam"), (moved.Tenant!.CustomerId, (await StatusRowAsync(tenant))!.CustomerId));
    }

    [Fact]
    public async Task A_credential_entra_refuses_is_not_rotated_in_and_the_working_one_stays()
    {
        var tenant = Emulator.CreateTenant(new TenantSpec { ConsentSharedApp = false });
        var app = Emulator.RegisterApp(new AppSpec { HomeTenantId = tenant.Id, Secret = "the-right-secret" });
        var grain = Grain(tenant);
        await grain.OnboardAsync(Registration("Own app", Secret(tenant, app.ClientId, "the-right-secret", version: 1)), probeNow: true);

        var refused = await grain.RotateCredentialAsync(Secret(tenant, app.ClientId, "a-wrong-secret", version: 0));

        Assert.Equal(TenantCommandOutcome.CredentialRejected, refused.Outcome);
        Assert.Equal(TenantHealthState.CredentialInvalid, refused.RejectedProbe!.State);
        var kept = (await grain.GetAsync())!;
        Assert.Equal((1, TenantHealthState.Healthy), (kept.Credential.Version, kept.State));

        var rotated = await grain.RotateCredentialAsync(Secret(tenant, app.ClientId, "the-right-secret", version: 0));

        Assert.Equal(TenantCommandOutcome.Ok, rotated.Outcome);
        Assert.Equal(2, rotated.Tenant!.Credential.Version);
        Assert.Equal(CredentialKeyOutcome.AlreadyCurrent, await grain.ReEncryptCredentialAsync());
    }

    [Fact]
    public async Task A_health_change_a_sync_reports_is_kept_and_published_and_one_for_another_tenant_is_ignored()
    {
        var tenant = Emulator.CreateTenant();
        var grain = Grain(tenant);
        await grain.OnboardAsync(Registration("Reported", new SharedAppTenantCredential(1)), probeNow: true);
        var sink = grain.AsReference<ISyncHealthSink>();
        var now = World.Emulator.Clock.GetUtcNow();

        // Reports are one-way and may arrive in either order. Had the stray one been applied, it would show: after the real one by
        // its error code, before it by its earlier Since (an unchanged state keeps the first Since).
        await sink.SourceHealthChangedAsync(Guid.NewGuid().ToString(), Unreachable(now.AddHours(-1), "another-tenant"));
        await sink.SourceHealthChangedAsync(tenant.Id.ToString(), Unreachable(now, "timeout"));

        // The grain's state shows before its status row is written (reads interleave with the write), so wait for the row.
        await Waits.UntilAsync(async () => (await StatusRowAsync(tenant))?.HealthState == "unreachable", Limit, "the published health");
        var health = (await grain.GetAsync())!.Health.Single();
        Assert.Equal(("timeout", now), (health.LastErrorCode, health.Since));
        var row = await StatusRowAsync(tenant);
        Assert.Equal(("unreachable", "timeout"), (row!.HealthState, row.LastErrorCode));
    }

    [Fact]
    public async Task Onboarding_without_an_immediate_probe_shows_pending_until_the_background_probe_answers()
    {
        var tenant = Emulator.CreateTenant();
        var grain = Grain(tenant);

        var queued = await grain.OnboardAsync(Registration("Batch", new SharedAppTenantCredential(1)), probeNow: false);

        Assert.Equal(TenantHealthState.Pending, queued.Tenant!.State);
        Assert.Null(queued.Tenant.LastProbedAt);
        await Waits.UntilAsync(async () => (await StatusRowAsync(tenant))?.HealthState == "healthy", Limit, "the background probe, published");
        Assert.Equal(TenantHealthState.Healthy, (await grain.GetAsync())!.State);
    }

    [Fact]
    public async Task Offboarding_with_purge_removes_the_state_the_status_row_and_every_stored_event()
    {
        var tenant = Emulator.CreateTenant(new TenantSpec { EventsPerDay = 200 });
        var other = Emulator.CreateTenant(new TenantSpec { EventsPerDay = 200 });
        var grain = Grain(tenant);
        await grain.OnboardAsync(Registration("Leaving", new SharedAppTenantCredential(1)), probeNow: true);
        await Grain(other).OnboardAsync(Registration("Staying", new SharedAppTenantCredential(1)), probeNow: true);
        await Waits.UntilAsync(async () => await World.Stored.CountDirectoryAuditsAsync(tenant.Id.ToString()) > 0, Limit, "events to be stored");
        await Waits.UntilAsync(async () => await World.Stored.CountDirectoryAuditsAsync(other.Id.ToString()) > 0, Limit, "the other tenant's events");

        var offboarded = await grain.OffboardAsync(purgeEvents: true);

        Assert.Equal(TenantHealthState.Disabled, offboarded.Tenant!.State);
        Assert.Null(await grain.GetAsync());
        Assert.Null(await StatusRowAsync(tenant));
        Assert.Equal(SyncRunState.Stopped, await SyncStateAsync(tenant));
        Assert.Equal(0, await World.Stored.CountDirectoryAuditsAsync(tenant.Id.ToString()));
        Assert.True(await World.Stored.CountDirectoryAuditsAsync(other.Id.ToString()) > 0, "the other tenant's events were purged too");
        var back = await grain.OnboardAsync(Registration("Back", new SharedAppTenantCredential(1)), probeNow: true);
        Assert.Equal(TenantCommandOutcome.Ok, back.Outcome);
    }

    private static SourceHealth Unreachable(DateTimeOffset since, string errorCode) =>
        new(AuditSource.DirectoryAudits, TenantHealthState.Unreachable, since, since, errorCode, "Graph did not answer.", [], null);

    private ITenantGrain Grain(TenantInfo tenant) => World.Grains.GetGrain<ITenantGrain>(tenant.Id.ToString());

    private static TenantRegistration Registration(string displayName, TenantCredential credential) =>
        new(displayName, ["gold"], [AuditSource.DirectoryAudits], credential);

    /// <summary>A per-tenant app's secret, encrypted by the product's own intake as the API does before the grain sees it.</summary>
    /// <remarks>Onboarding gives version 1; a rotation candidate comes with 0 and the grain numbers it.</remarks>
    private ClientSecretTenantCredential Secret(TenantInfo tenant, string clientId, string secret, int version) =>
        World.SiloServices.GetRequiredService<CredentialIntake>().FromClientSecret(tenant.Id.ToString(), version, clientId, secret);

    private Task<TenantStatusRecord?> StatusRowAsync(TenantInfo tenant) =>
        World.SiloServices.GetRequiredService<ITenantStatusStore>().GetAsync(tenant.Id.ToString());

    private async Task<SyncRunState> SyncStateAsync(TenantInfo tenant) =>
        (await World.Grains.SourceSync(tenant.Id.ToString(), AuditSource.DirectoryAudits).GetStatusAsync()).State;

    /// <summary>One silo and emulator for the class; every test makes its own tenants in it.</summary>
    public sealed class SiloFixture : IAsyncLifetime
    {
        public GrainWorld Silo { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Silo = await GrainWorld.StartAsync(StoreKind.Sqlite, new EmulatorOptions { TenantCount = 0, Seed = 43, TimeScale = 60 });

        public async Task DisposeAsync() => await Silo.DisposeAsync();
    }
}
