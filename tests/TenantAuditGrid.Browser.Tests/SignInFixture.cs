using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Testing.Emulator;
using TenantAuditGrid.Testing.Hosts;

namespace TenantAuditGrid.Browser.Tests;

/// <summary>
/// An embedded Host signing people in at the emulator's MSP tenant, with two customers of one tenant each, a Reader granted one of
/// them by object id, an Admin, and Chromium to drive.
/// </summary>
public sealed class SignInFixture : IAsyncLifetime
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("tag-browser-").FullName;
    private IPlaywright? playwright;

    public GraphEmulatorServer Emulator { get; private set; } = null!;

    public RunningHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public OperatorUserInfo Reader { get; private set; } = null!;

    public OperatorUserInfo Admin { get; private set; } = null!;

    /// <summary>The tenant of the customer the Reader is granted, and the other customer's, which the Reader must never see.</summary>
    public (Guid Granted, Guid Hidden) Tenants { get; private set; }

    public async Task InitializeAsync()
    {
        Emulator = await GraphEmulatorServer.StartAsync(new EmulatorOptions { TenantCount = 0, Seed = 31 });
        Host = await RunningHost.StartEmbeddedAsync(dataDirectory, HostArgs.GraphAt(Emulator));
        Emulator.Control.RegisterOperatorRedirectUri(new Uri(Host.BaseAddress, "signin-oidc"));
        Emulator.Control.RegisterOperatorRedirectUri(new Uri(Host.BaseAddress, "signout-callback-oidc"));
        Reader = Emulator.Control.CreateOperatorUser(new OperatorUserSpec("Riley Reader", "riley@msp.example", [EmulatorOperators.Reader]));
        Admin = Emulator.Control.CreateOperatorUser(new OperatorUserSpec("Avery Admin", "avery@msp.example", [EmulatorOperators.Admin]));

        var tenants = new List<Guid>();
        foreach (var customer in new[] { "northwind", "tailspin" })
        {
            await PostAsync("/api/customers", new { id = customer, displayName = customer });
            var tenant = Emulator.Control.CreateTenant(new TenantSpec { ConsentSharedApp = true });
            await PostAsync("/api/tenants", new { tenantId = tenant.Id, displayName = $"{customer} tenant", customerId = customer });
            tenants.Add(tenant.Id);
        }

        Tenants = (tenants[0], tenants[1]);
        using var grant = await Host.Http.PutAsJsonAsync($"/api/grants/user/{Reader.ObjectId}", new { customers = new[] { "northwind" } });
        grant.EnsureSuccessStatusCode();
        (playwright, Browser) = await ChromiumBrowser.LaunchAsync();
    }

    /// <summary>The tenant ids a JSON page lists, as the browser shows it.</summary>
    public static IReadOnlyList<string> TenantIdsIn(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("value").EnumerateArray().Select(t => t.GetProperty("tenantId").GetString()!)];

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await Host.DisposeAsync();
        await Emulator.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }

    private async Task PostAsync(string path, object body)
    {
        using var response = await Host.Http.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
    }
}
