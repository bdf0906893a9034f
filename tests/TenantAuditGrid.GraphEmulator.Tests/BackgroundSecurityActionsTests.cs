using System.Net.Http.Json;
using System.Text.Json;
using TenantAuditGrid.GraphEmulator;

using TenantAuditGrid.Testing.Emulator;

namespace TenantAuditGrid.GraphEmulator.Tests;

/// <summary>Security actions other tools submitted: a seeded history that a restarted emulator serves unchanged, growing as time moves.</summary>
public sealed class BackgroundSecurityActionsTests
{
    private const double PerDay = 4;

    [Fact]
    public async Task Each_tenant_holds_about_thirty_days_of_another_tools_actions_finished_except_the_newest()
    {
        await using var server = await GraphEmulatorServer.StartAsync(Options(FrozenEmulator.Start));

        foreach (var tenant in server.Control.Tenants())
        {
            var actions = server.Control.SecurityActions(tenant.Id);
            // A Poisson count with mean 120 over the 30 days: 80–160 is more than three standard deviations either way.
            Assert.InRange(actions.Count, 80, 160);
            Assert.All(actions, a => Assert.InRange(a.CreatedDateTime, FrozenEmulator.Start - TimeSpan.FromDays(30), FrozenEmulator.Start));
            Assert.All(actions, a => Assert.Equal(BackgroundSecurityActions.OtherToolAppId(FrozenEmulator.Options().Seed), a.AppId));
            Assert.All(actions, a => Assert.Contains(a.Name, new[] { "BlockIp", "BlockFileHash" }));
            Assert.All(actions.Where(a => a.CreatedDateTime < FrozenEmulator.Start - TimeSpan.FromMinutes(5)), a => Assert.Contains(a.Status, new[] { "completed", "failed" }));
            Assert.Equal(actions.Count, actions.Select(a => a.Id).Distinct().Count());
        }
    }

    [Fact]
    public async Task An_emulator_restarted_a_day_later_with_the_same_seed_serves_the_same_actions_where_the_two_overlap()
    {
        await using var first = await GraphEmulatorServer.StartAsync(Options(FrozenEmulator.Start));
        await using var restarted = await GraphEmulatorServer.StartAsync(Options(FrozenEmulator.Start + TimeSpan.FromDays(1)));
        var tenant = first.Control.Tenants()[0].Id;
        var overlapFrom = FrozenEmulator.Start + TimeSpan.FromDays(1) - TimeSpan.FromDays(30);

        var before = first.Control.SecurityActions(tenant).Where(a => a.CreatedDateTime > overlapFrom).ToList();
        var after = restarted.Control.SecurityActions(tenant).Where(a => a.CreatedDateTime <= FrozenEmulator.Start && a.CreatedDateTime > overlapFrom).ToList();

        Assert.NotEmpty(before);
        Assert.Equal(before.Select(a => (a.Id, a.Name, a.CreatedDateTime, a.Status)), after.Select(a => (a.Id, a.Name, a.CreatedDateTime, a.Status)));
        Assert.Contains(restarted.Control.SecurityActions(tenant), a => a.CreatedDateTime > FrozenEmulator.Start);
    }

    [Fact]
    public async Task New_actions_join_the_list_as_the_clock_reaches_them_and_are_served_by_the_securityActions_endpoint()
    {
        await using var server = await GraphEmulatorServer.StartAsync(Options(FrozenEmulator.Start));
        var tenant = server.Control.Tenants()[0].Id;
        var atStart = server.Control.SecurityActions(tenant).Select(a => a.Id).ToHashSet();

        server.Control.AdvanceClock(TimeSpan.FromDays(2));

        var now = server.Control.SecurityActions(tenant);
        var added = now.Where(a => !atStart.Contains(a.Id)).ToList();
        Assert.NotEmpty(added);
        Assert.All(added, a => Assert.InRange(a.CreatedDateTime, FrozenEmulator.Start, FrozenEmulator.Start + TimeSpan.FromDays(2)));
        Assert.Equal(now.Select(a => a.Id), await ListOverHttpAsync(server, tenant));
    }

    [Fact]
    public async Task Without_the_option_a_tenant_holds_no_actions_until_one_is_submitted()
    {
        await using var server = await GraphEmulatorServer.StartAsync(FrozenEmulator.Options(tenants: 1));

        Assert.Empty(server.Control.SecurityActions(server.Control.Tenants()[0].Id));
    }

    private static EmulatorOptions Options(DateTimeOffset start)
    {
        var options = FrozenEmulator.Options(tenants: 2);
        options.StartTime = start;
        options.Activity.SecurityActionsPerDay = PerDay;
        return options;
    }

    private static async Task<List<string>> ListOverHttpAsync(GraphEmulatorServer server, Guid tenant)
    {
        using var http = EmulatorClients.PinnedHttpClient(server);
        http.DefaultRequestHeaders.Authorization = new("Bearer", await EmulatorClients.TokenAsync(EmulatorClients.SharedAppCredential(server, tenant)));
        var ids = new List<string>();
        for (string? next = "beta/security/securityActions?$top=50"; next is not null;)
        {
            var page = await http.GetFromJsonAsync<JsonElement>(next);
            ids.AddRange(page.GetProperty("value").EnumerateArray().Select(a => a.GetProperty("id").GetString()!));
            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return ids;
    }
}
