using System.Globalization;
using System.Text.Json;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Host.Demo;
using TenantAuditGrid.Testing.Hosts;

namespace TenantAuditGrid.Host.Tests;

/// <summary>
/// The README's first command shows security actions too. The demo emulator's actions come from its seed, so an emulator started here
/// with the demo's options holds the same ones: that is the ground truth the gateway's answer is compared with.
/// </summary>
public sealed class DemoSecurityActionsTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("tag-demo-actions-").FullName;

    [Fact]
    public async Task The_demo_gateway_serves_every_emulated_tenants_security_actions_with_their_final_status()
    {
        await using var truth = await GraphEmulatorServer.StartAsync(DemoEnvironment.EmulatorOptions());
        // Both emulators hold the 30 days before their own start; an hour's margin at either end keeps the window inside both, and
        // every action in it long finished.
        var now = truth.Clock.GetUtcNow();
        var from = WholeSeconds(now - TimeSpan.FromDays(30) + TimeSpan.FromHours(1));
        var to = WholeSeconds(now - TimeSpan.FromHours(1));
        var expected = truth.Control.Tenants()
            .SelectMany(t => truth.Control.SecurityActions(t.Id)
                .Where(a => a.CreatedDateTime >= from && a.CreatedDateTime <= to)
                .Select(a => $"{t.Id:D} {a.Id} {a.Status}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(expected.Count >= DemoEnvironment.DemoTenantCount * 60, $"only {expected.Count} actions in the window; the comparison would prove little");
        await using var host = await RunningHost.StartEmbeddedAsync(dataDirectory, ["--demo"]);

        var filter = $"createdDateTime ge {Literal(from)} and createdDateTime le {Literal(to)}";
        List<string> stored = [];
        var deadline = DateTimeOffset.UtcNow + Limit;
        while (DateTimeOffset.UtcNow < deadline)
        {
            stored = await StoredAsync(host.Http, $"graph/beta/security/securityActions?$top=999&$filter={Uri.EscapeDataString(filter)}");
            if (stored.SequenceEqual(expected))
            {
                break;
            }

            await Task.Delay(1000);
        }

        Assert.Equal(expected, stored);
    }

    private static async Task<List<string>> StoredAsync(HttpClient http, string firstPage)
    {
        var actions = new List<string>();
        for (string? next = firstPage; next is not null;)
        {
            using var response = await http.GetAsync(next);
            response.EnsureSuccessStatusCode();
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            actions.AddRange(page.RootElement.GetProperty("value").EnumerateArray().Select(a =>
                $"{a.GetProperty("azureTenantId").GetString()} {a.GetProperty("id").GetString()} {a.GetProperty("status").GetString()}"));
            next = page.RootElement.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return [.. actions.Order(StringComparer.Ordinal)];
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset instant) => new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static string Literal(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);
}
