using System.Diagnostics.Tracing;
using System.Security.Cryptography;
using Azure.Core.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TenantAuditGrid.Abstractions;
using TenantAuditGrid.Graph;
using TenantAuditGrid.Graph.Clients;
using TenantAuditGrid.Graph.Credentials;
using TenantAuditGrid.Graph.Health;
using TenantAuditGrid.Graph.Reading;
using TenantAuditGrid.GraphEmulator;

namespace TenantAuditGrid.Graph.Tests.Support;

/// <summary>
/// The Graph emulator on real https plus TenantAuditGrid's Graph access wired the way the Host wires it (configuration
/// keys, DI, the emulator's clock), with every log line captured, including Azure.Identity's and MSAL's event-source logs.
/// </summary>
public sealed class EmulatorGraphAccess : IAsyncDisposable
{
    private readonly AzureEventSourceListener azureLogs;

    private EmulatorGraphAccess(GraphEmulatorServer server, ServiceProvider services, CapturingLoggerProvider logs, AzureEventSourceListener azureLogs)
    {
        Server = server;
        Services = services;
        Logs = logs;
        this.azureLogs = azureLogs;
    }

    public GraphEmulatorServer Server { get; }

    public ServiceProvider Services { get; }

    public CapturingLoggerProvider Logs { get; }

    public EmulatorControl Control => Server.Control;

    public TenantProbe Probe => Services.GetRequiredService<TenantProbe>();

    public CredentialIntake Intake => Services.GetRequiredService<CredentialIntake>();

    public TenantGraphClientFactory Clients => Services.GetRequiredService<TenantGraphClientFactory>();

    public DirectoryAuditsReader DirectoryAudits => Services.GetRequiredService<DirectoryAuditsReader>();

    public SecurityActionsReader SecurityActions => Services.GetRequiredService<SecurityActionsReader>();

    public static async Task<EmulatorGraphAccess> StartAsync(EmulatorOptions options, Action<IDictionary<string, string?>>? configure = null)
    {
        var server = await GraphEmulatorServer.StartAsync(options);
        var settings = EmulatedGraphSettings.For(
            server.BaseAddress, server.Certificate.Thumbprint, server.SharedApp.ClientId, server.SharedApp.ClientSecret);
        settings["TenantAuditGrid:Graph:TokenRetries"] = "0";
        settings["TenantAuditGrid:Credentials:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddKeyedSingleton<TimeProvider>(ProductClock.ServiceKey, server.Clock)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddTenantGraphAccess(configuration)
            .BuildServiceProvider();
        var azureLogs = new AzureEventSourceListener((e, message) => logs.Add($"{e.EventSource.Name} {e.EventName}: {message}"), EventLevel.Verbose);
        return new EmulatorGraphAccess(server, services, logs, azureLogs);
    }

    public async ValueTask DisposeAsync()
    {
        azureLogs.Dispose();
        await Services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
