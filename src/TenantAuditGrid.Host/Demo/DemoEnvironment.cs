using TenantAuditGrid.Abstractions;
using TenantAuditGrid.Graph;
using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.Host.Demo;

/// <summary>
/// <c>--demo</c>: starts the Graph emulator in this process with a few seeded tenants and points Graph access at it. Only here does the
/// product trust the emulator's self-signed certificate; without --demo the defaults are Microsoft's endpoints.
/// </summary>
public static class DemoEnvironment
{
    public const int DemoTenantCount = 5;
    public const int DemoSeed = 7;

    /// <summary>About 120 past actions per tenant, and a new one somewhere among the five tenants every hour or so.</summary>
    public const double DemoSecurityActionsPerDay = 4;

    /// <summary>The demo emulator's options; an emulator started with them holds the same tenants, events and actions.</summary>
    public static EmulatorOptions EmulatorOptions() =>
        new() { TenantCount = DemoTenantCount, Seed = DemoSeed, Activity = { SecurityActionsPerDay = DemoSecurityActionsPerDay } };

    public static async Task<GraphEmulatorServer> StartAsync(WebApplicationBuilder builder, CancellationToken cancellationToken)
    {
        // A fixed seed gives the same tenant ids on every run, so the data kept under ./data lines up with the next start.
        var emulator = await GraphEmulatorServer.StartAsync(EmulatorOptions(), cancellationToken);
        builder.Configuration.AddInMemoryCollection(EmulatedGraphSettings.For(
            emulator.BaseAddress, emulator.Certificate.Thumbprint, emulator.SharedApp.ClientId, emulator.SharedApp.ClientSecret,
            (emulator.OperatorSignIn.TenantId, emulator.OperatorSignIn.ClientId, emulator.OperatorSignIn.ClientSecret)));
        foreach (var user in DemoOperators.Users)
        {
            emulator.Control.CreateOperatorUser(user);
        }

        builder.Services.AddKeyedSingleton<TimeProvider>(ProductClock.ServiceKey, emulator.Clock);
        builder.Services.AddSingleton(emulator);
        return emulator;
    }
}
