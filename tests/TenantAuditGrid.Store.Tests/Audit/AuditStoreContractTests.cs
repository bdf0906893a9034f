using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TenantAuditGrid.Store.Query;
using TenantAuditGrid.Testing.Audit;
using static TenantAuditGrid.Store.Tests.Audit.AuditSamples;

namespace TenantAuditGrid.Store.Tests.Audit;

/// <summary>
/// The contract both audit stores keep. Each concrete subclass registers its store the way the Host does (the DI extensions for the
/// store and its read side),
/// applies its schema through <see cref="IStoreSchema"/>, and runs every test here against a fresh database.
/// </summary>
public abstract partial class AuditStoreContractTests : IAsyncLifetime
{
    private ServiceProvider services = null!;

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    protected IAuditStore Store => services.GetRequiredService<IAuditStore>();

    /// <summary>The rows the store wrote, read back with plain SQL rather than through the store under test.</summary>
    protected StoredAudit Stored => new(services.GetRequiredService<AuditQueryDatabase>());

    protected ITenantStatusStore Statuses => services.GetRequiredService<ITenantStatusStore>();

    public async Task InitializeAsync()
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Clock);
        await RegisterStoreAsync(collection);
        services = collection.BuildServiceProvider();
        await services.GetRequiredService<IStoreSchema>().ApplyAsync();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await DisposeStoreAsync();
    }

    protected abstract Task RegisterStoreAsync(IServiceCollection collection);

    protected abstract Task DisposeStoreAsync();

    [Fact]
    public async Task Applying_the_schema_again_changes_nothing()
    {
        var again = await services.GetRequiredService<IStoreSchema>().ApplyAsync();
        Assert.Equal(again.FromVersion, again.ToVersion);
    }

    [Fact]
    public async Task A_batch_with_a_repeated_event_stores_it_once_and_counts_it_once()
    {
        var batch = new[] { Event("t1", "a"), Event("t1", "b"), Event("t1", "a") };

        Assert.Equal(2, await Store.WriteDirectoryAuditsAsync(batch));
        Assert.Equal(["a", "b"], await Stored.DirectoryAuditIdsAsync("t1", AuditSources.Graph));
    }

    [Fact]
    public async Task Events_already_stored_are_ignored_by_later_batches()
    {
        Assert.Equal(2, await Store.WriteDirectoryAuditsAsync([Event("t1", "a"), Event("t1", "b")]));
        Assert.Equal(1, await Store.WriteDirectoryAuditsAsync([Event("t1", "b"), Event("t1", "c")]));
        Assert.Equal(0, await Store.WriteDirectoryAuditsAsync([Event("t1", "a"), Event("t1", "b"), Event("t1", "c")]));
        Assert.Equal(3, await Stored.CountDirectoryAuditsAsync("t1"));
    }

    [Fact]
    public async Task The_same_id_in_another_tenant_or_from_another_source_is_another_event()
    {
        var written = await Store.WriteDirectoryAuditsAsync(
            [Event("t1", "same"), Event("t2", "same"), Event("t1", "same", source: AuditSources.Upload)]);

        Assert.Equal(3, written);
        Assert.Equal(["same"], await Stored.DirectoryAuditIdsAsync("t1", AuditSources.Upload));
        Assert.Equal(2, await Stored.CountDirectoryAuditsAsync("t1"));
        Assert.Equal(1, await Stored.CountDirectoryAuditsAsync("t2"));
    }

    [Fact]
    public async Task Concurrent_writers_of_overlapping_batches_end_with_exactly_one_copy_of_each_event()
    {
        // Writer k writes events [100k, 100k + 300): every event but the outermost is written by two or three writers.
        var writers = Enumerable.Range(0, 4).Select(k => Task.Run(() => Store.WriteDirectoryAuditsAsync(Events("t1", k * 100, 300))));

        var counts = await Task.WhenAll(writers);

        var expected = Enumerable.Range(0, 600).Select(i => $"Directory_{i:D6}").ToList();
        Assert.Equal(expected.Count, counts.Sum());
        Assert.Equal(expected, await Stored.DirectoryAuditIdsAsync("t1", AuditSources.Graph));
    }

    [Fact]
    public async Task A_stored_event_keeps_the_graph_payload_and_the_filterable_fields()
    {
        var when = new DateTimeOffset(2026, 10, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(1234560);
        var record = Event("t1", "Directory_ABC_27777783", when);
        await Store.WriteDirectoryAuditsAsync([record]);

        var stored = await Stored.DirectoryAuditAsync("t1", AuditSources.Graph, "Directory_ABC_27777783");

        Assert.NotNull(stored);
        Assert.Equal(when, stored.ActivityDateTime);
        Assert.Equal("Add member to group", stored.ActivityDisplayName);
        Assert.Equal("GroupManagement", stored.Category);
        Assert.Equal("0b6b7f6c-43a3-4a2b-9d7e-2f4f62f0c1aa", stored.CorrelationId);
        Assert.Equal("Core Directory", stored.LoggedByService);
        Assert.Equal("Assign", stored.OperationType);
        Assert.Equal("success", stored.Result);
        Assert.Equal("4ad6d2c4-8f6c-4ef4-8d3b-2e9a6b1b8c11", stored.InitiatedByUserId);
        Assert.Equal("adele@contoso.example", stored.InitiatedByUserPrincipalName);
        Assert.Equal("Adele Vance", stored.InitiatedByUserDisplayName);
        Assert.Null(stored.InitiatedByAppId);
        Assert.Null(stored.InitiatedByAppDisplayName);
        Assert.Equal(Clock.GetUtcNow(), stored.IngestedAt);
        Assert.True(JsonElement.DeepEquals(record.Payload, stored.Payload), stored.Payload.GetRawText());
    }

    [Fact]
    public async Task Events_spread_over_several_months_are_all_stored()
    {
        var records = Enumerable.Range(0, 5)
            .Select(i => Event("t1", $"m{i}", new DateTimeOffset(2026, 7 + i, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-10 * i)))
            .ToList();

        Assert.Equal(5, await Store.WriteDirectoryAuditsAsync(records));
        Assert.Equal(0, await Store.WriteDirectoryAuditsAsync(records));
        Assert.Equal(5, await Stored.CountDirectoryAuditsAsync("t1"));
    }

    [Fact]
    public async Task Purging_a_tenant_removes_its_events_and_actions_and_nothing_else()
    {
        await Store.WriteDirectoryAuditsAsync([.. Events("t1", 0, 3), .. Events("t2", 0, 2)]);
        await Store.UpsertSecurityActionsAsync([Action("t1", "x", "running", BaseTime), Action("t2", "x", "running", BaseTime)]);

        var purged = await Store.DeleteTenantDataAsync("t1");

        Assert.Equal(new AuditPurgeResult(3, 1), purged);
        Assert.Equal(0, await Stored.CountDirectoryAuditsAsync("t1"));
        Assert.Null(await Stored.SecurityActionAsync("t1", "x"));
        Assert.Equal(2, await Stored.CountDirectoryAuditsAsync("t2"));
        Assert.NotNull(await Stored.SecurityActionAsync("t2", "x"));
    }

    [Fact]
    public async Task A_security_action_is_replaced_only_when_its_status_or_last_action_time_moves_forward()
    {
        Assert.Equal(1, await Store.UpsertSecurityActionsAsync([Action("t1", "act", "notStarted", BaseTime)]));
        Assert.Equal(0, await Store.UpsertSecurityActionsAsync([Action("t1", "act", "notStarted", BaseTime)]));
        Assert.Equal(1, await Store.UpsertSecurityActionsAsync([Action("t1", "act", "running", BaseTime.AddMinutes(1))]));
        Assert.Equal(0, await Store.UpsertSecurityActionsAsync([Action("t1", "act", "notStarted", BaseTime)]));
        Assert.Equal(1, await Store.UpsertSecurityActionsAsync(
            [Action("t1", "act", "running", BaseTime.AddMinutes(1)), Action("t1", "act", "completed", BaseTime.AddMinutes(2))]));

        var stored = await Stored.SecurityActionAsync("t1", "act");
        Assert.NotNull(stored);
        Assert.Equal("completed", stored.Status);
        Assert.Equal(BaseTime.AddMinutes(2), stored.LastActionDateTime);
        Assert.Equal("completed", stored.Payload.GetProperty("status").GetString());
        Assert.Equal("BlockIp", stored.Name);
    }

    [Fact]
    public async Task A_tenant_status_is_kept_at_its_highest_version_whatever_order_publishes_arrive_in()
    {
        Assert.True(await Statuses.UpsertAsync(Status("t1", 2, "ConsentMissing")));
        Assert.False(await Statuses.UpsertAsync(Status("t1", 1, "Healthy")));
        Assert.False(await Statuses.UpsertAsync(Status("t1", 2, "Healthy")));
        Assert.Equal("ConsentMissing", (await Statuses.GetAsync("t1"))?.HealthState);

        Assert.True(await Statuses.UpsertAsync(Status("t1", 3, "Healthy", "gold")));

        var stored = await Statuses.GetAsync("t1");
        Assert.NotNull(stored);
        Assert.Equal(3, stored.Version);
        Assert.Equal("Healthy", stored.HealthState);
        Assert.Equal(["gold"], stored.Tags);
        Assert.Equal(["directoryAudits", "securityActions"], stored.EnabledSources);
        Assert.Equal(BaseTime.AddMinutes(3), stored.UpdatedAt);
        Assert.Equal(BaseTime, stored.HealthSince);
        Assert.Equal(30, stored.Capabilities?.GetProperty("retentionDays").GetInt32());
    }

    [Fact]
    public async Task Tenant_statuses_list_by_state_and_tag_in_pages()
    {
        for (var i = 0; i < 7; i++)
        {
            var state = i % 2 == 0 ? "Healthy" : "SecretExpired";
            await Statuses.UpsertAsync(Status($"tenant-{i}", 1, state, i < 4 ? ["gold", "eu"] : ["eu"]));
        }

        var first = await Statuses.ListAsync(new TenantStatusQuery { Scope = TenantScope.AllTenants, HealthState = "Healthy", Limit = 2 });
        var second = await Statuses.ListAsync(
            new TenantStatusQuery { Scope = TenantScope.AllTenants, HealthState = "Healthy", Limit = 2, AfterTenantId = first.NextAfterTenantId });
        var gold = await Statuses.ListAsync(new TenantStatusQuery { Scope = TenantScope.AllTenants, Tag = "gold" });
        var all = await Statuses.ListAsync(new TenantStatusQuery { Scope = TenantScope.AllTenants });

        Assert.Equal(["tenant-0", "tenant-2"], first.Items.Select(s => s.TenantId));
        Assert.Equal("tenant-2", first.NextAfterTenantId);
        Assert.Equal(["tenant-4", "tenant-6"], second.Items.Select(s => s.TenantId));
        Assert.Null(second.NextAfterTenantId);
        Assert.Equal(["tenant-0", "tenant-1", "tenant-2", "tenant-3"], gold.Items.Select(s => s.TenantId));
        Assert.Equal(7, all.Items.Count);
    }

    [Fact]
    public async Task Deleting_a_tenant_status_removes_it()
    {
        await Statuses.UpsertAsync(Status("t1", 1));

        Assert.True(await Statuses.DeleteAsync("t1"));
        Assert.False(await Statuses.DeleteAsync("t1"));
        Assert.Null(await Statuses.GetAsync("t1"));
    }

    public static TheoryData<string> BadRecords() => new() { "null record", "empty id", "blank tenant", "null tenant", "non-utc time", "unknown source", "payload not an object" };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public async Task A_batch_with_a_bad_record_is_rejected_with_an_argument_exception_and_writes_nothing(string defect)
    {
        var good = Event("t1", "good");
        DirectoryAuditRecord bad = defect switch
        {
            "null record" => null!,
            "empty id" => good with { Id = "" },
            "blank tenant" => good with { TenantId = "  " },
            "null tenant" => good with { TenantId = null! },
            "non-utc time" => good with { Id = "other", ActivityDateTime = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(2)) },
            "unknown source" => good with { Id = "other", Source = "scraped" },
            "payload not an object" => good with { Id = "other", Payload = JsonSerializer.SerializeToElement("text") },
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.WriteDirectoryAuditsAsync([good, bad]));

        Assert.Contains("records[1]", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Stored.CountDirectoryAuditsAsync("t1"));
    }

    [Fact]
    public async Task Bad_security_actions_and_statuses_are_rejected_and_change_nothing()
    {
        var action = Action("t1", "act", "running", BaseTime);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.UpsertSecurityActionsAsync([action, action with { Id = "" }]));
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Store.UpsertSecurityActionsAsync([action with { LastActionDateTime = BaseTime.ToOffset(TimeSpan.FromHours(-5)) }]));
        Assert.Null(await Stored.SecurityActionAsync("t1", "act"));

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Statuses.UpsertAsync(Status("", 1)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Statuses.UpsertAsync(Status("t1", 1) with { UpdatedAt = BaseTime.ToOffset(TimeSpan.FromHours(1)) }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Statuses.UpsertAsync(Status("t1", 1) with { HealthState = "" }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Statuses.ListAsync(new TenantStatusQuery { Scope = TenantScope.AllTenants, Limit = 0 }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.DeleteTenantDataAsync(" "));
        Assert.Null(await Statuses.GetAsync("t1"));
    }
}
