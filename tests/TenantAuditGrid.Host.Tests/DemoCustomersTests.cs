using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Host.Demo;
using TenantAuditGrid.Testing;
using TenantAuditGrid.Testing.Hosts;

namespace TenantAuditGrid.Host.Tests;

/// <summary>
/// The demo shows customer scoping without any setup: its tenants (the same ones an emulator with the demo's options holds) are shared
/// between two customers; the README's reader key for one of them, and the demo Reader signed in in a browser, see exactly that
/// customer's tenants, and the demo Admin signed in sees them all.
/// </summary>
public sealed class DemoCustomersTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("tag-demo-customers-").FullName;

    [Fact]
    public async Task The_demo_shares_every_emulated_tenant_between_two_customers_and_its_readers_by_key_or_sign_in_see_only_one()
    {
        await using var truth = await GraphEmulatorServer.StartAsync(DemoEnvironment.EmulatorOptions());
        var expected = truth.Control.Tenants().Select(t => t.Id.ToString("D")).Order(StringComparer.Ordinal).ToList();
        await using var host = await RunningHost.StartEmbeddedAsync(dataDirectory, ["--demo"]);

        var listed = new List<(string TenantId, string? CustomerId)>();
        await Waits.UntilAsync(
            async () =>
            {
                listed = await TenantsAsync(host.Http);
                return listed.Count == expected.Count;
            },
            TimeSpan.FromSeconds(60),
            "every demo tenant onboarded");
        using var created = await host.Http.PostAsJsonAsync("/api/keys", new { displayName = "Northwind reader", role = "reader", customers = new[] { "northwind" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var reader = new HttpClient { BaseAddress = host.Http.BaseAddress };
        reader.DefaultRequestHeaders.Authorization = new("Bearer", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        var readerSees = await TenantsAsync(reader);
        using var readerBrowser = new SignedInBrowser(host.BaseAddress);
        await readerBrowser.SignInAsync(DemoOperators.Reader.ObjectId!.Value);
        using var adminBrowser = new SignedInBrowser(host.BaseAddress);
        await adminBrowser.SignInAsync(DemoOperators.Admin.ObjectId!.Value);

        Assert.Equal(expected, listed.Select(t => t.TenantId));
        Assert.Equal(["northwind", "tailspin"], listed.Select(t => t.CustomerId).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(listed.Where(t => t.CustomerId == "northwind"), readerSees);
        Assert.Equal(readerSees, await TenantsAsync(readerBrowser.Http));
        Assert.Equal(listed, await TenantsAsync(adminBrowser.Http));
        Assert.Contains($"sign in in a browser at {host.BaseAddress.ToString().TrimEnd('/')}/", host.Process.AllOutput, StringComparison.Ordinal);
    }

    private static async Task<List<(string TenantId, string? CustomerId)>> TenantsAsync(HttpClient http)
    {
        var page = await http.GetFromJsonAsync<JsonElement>("/api/tenants?pageSize=1000");
        return [.. page.GetProperty("value").EnumerateArray().Select(t => (t.GetProperty("tenantId").GetString()!, t.GetProperty("customerId").GetString()))];
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);
}
